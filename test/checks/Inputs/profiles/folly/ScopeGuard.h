// The parts of folly's <folly/ScopeGuard.h> that scope-exit restores use,
// with the real names and signatures: folly::makeGuard,
// folly::detail::ScopeGuardImpl (its destructor runs the function unless
// dismissed) and the SCOPE_EXIT macro (folly/Preprocessor.h's
// FB_ANONYMOUS_VARIABLE_ODR_SAFE names the guard).
#pragma once

#include <functional>
#include <type_traits>
#include <utility>

#define FB_CONCATENATE_IMPL(s1, s2) s1##s2
#define FB_CONCATENATE(s1, s2) FB_CONCATENATE_IMPL(s1, s2)
#define FB_ANONYMOUS_VARIABLE_ODR_SAFE(str) FB_CONCATENATE(str, __LINE__)

namespace folly {
namespace detail {

class ScopeGuardImplBase {
public:
  void dismiss() noexcept { dismissed_ = true; }
  void rehire() noexcept { dismissed_ = false; }

protected:
  ScopeGuardImplBase(bool dismissed = false) noexcept : dismissed_(dismissed) {}
  bool dismissed_;
};

template <typename FunctionType, bool InvokeNoexcept>
class ScopeGuardImpl : public ScopeGuardImplBase {
public:
  explicit ScopeGuardImpl(FunctionType &&fn) noexcept(
      std::is_nothrow_move_constructible_v<FunctionType>)
      : function_(std::move(fn)) {}
  ScopeGuardImpl(ScopeGuardImpl &&other) noexcept(
      std::is_nothrow_move_constructible_v<FunctionType>)
      : function_(std::move(other.function_)) {
    dismissed_ = std::exchange(other.dismissed_, true);
  }
  ~ScopeGuardImpl() noexcept(InvokeNoexcept) {
    if (!dismissed_)
      function_();
  }

private:
  FunctionType function_;
};

template <typename F, bool INE>
using ScopeGuardImplDecay = ScopeGuardImpl<std::decay_t<F>, INE>;

enum class ScopeGuardOnExit {};

template <typename FunctionType>
ScopeGuardImpl<std::decay_t<FunctionType>, true> operator+(detail::ScopeGuardOnExit,
                                                            FunctionType &&fn) {
  return ScopeGuardImpl<std::decay_t<FunctionType>, true>(std::forward<FunctionType>(fn));
}

} // namespace detail

template <typename F>
[[nodiscard]] detail::ScopeGuardImplDecay<F, true> makeGuard(F &&f) noexcept(
    noexcept(detail::ScopeGuardImplDecay<F, true>(static_cast<F &&>(f)))) {
  return detail::ScopeGuardImplDecay<F, true>(static_cast<F &&>(f));
}

} // namespace folly

#define SCOPE_EXIT                                                                       \
  auto FB_ANONYMOUS_VARIABLE_ODR_SAFE(SCOPE_EXIT_STATE) =                                \
      ::folly::detail::ScopeGuardOnExit() + [&]() noexcept

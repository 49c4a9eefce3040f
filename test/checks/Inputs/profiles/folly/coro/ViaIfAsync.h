// The parts of folly's <folly/coro/ViaIfAsync.h> that co_await
// co_viaIfAsync(executor, awaitable) uses, with the real names and
// signatures: the customisation point folly::coro::co_viaIfAsync
// (FOLLY_DEFINE_CPO of detail::adl::ViaIfAsyncFunction) returns a
// folly::coro::ViaIfAsyncAwaitable<Awaitable>, whose operator co_await() &&
// gives the awaiter that saves the RequestContext when the coroutine
// suspends and puts it back when it resumes on the executor
// (StackAwareViaIfAsyncAwaitable, its async-stack-aware twin, likewise).
#pragma once

#include <folly/Executor.h>

#include <coroutine>
#include <utility>

namespace folly {
namespace coro {

template <bool IsStackAware, typename Awaitable> class ViaIfAsyncAwaiter {
public:
  ViaIfAsyncAwaiter(folly::Executor::KeepAlive<> executor, Awaitable &&awaitable)
      : executor_(std::move(executor)), awaitable_(static_cast<Awaitable &&>(awaitable)) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}

private:
  folly::Executor::KeepAlive<> executor_;
  Awaitable awaitable_;
};

template <typename Awaitable> class StackAwareViaIfAsyncAwaitable {
public:
  explicit StackAwareViaIfAsyncAwaitable(folly::Executor::KeepAlive<> executor,
                                         Awaitable &&awaitable) noexcept
      : executor_(std::move(executor)), awaitable_(static_cast<Awaitable &&>(awaitable)) {}
  auto operator co_await() && {
    return ViaIfAsyncAwaiter<true, Awaitable>{std::move(executor_),
                                              static_cast<Awaitable &&>(awaitable_)};
  }

private:
  folly::Executor::KeepAlive<> executor_;
  Awaitable awaitable_;
};

template <typename Awaitable> class ViaIfAsyncAwaitable {
public:
  explicit ViaIfAsyncAwaitable(folly::Executor::KeepAlive<> executor,
                               Awaitable &&awaitable) noexcept
      : executor_(std::move(executor)), awaitable_(static_cast<Awaitable &&>(awaitable)) {}
  ViaIfAsyncAwaiter<false, Awaitable> operator co_await() && {
    return ViaIfAsyncAwaiter<false, Awaitable>{std::move(executor_),
                                               static_cast<Awaitable &&>(awaitable_)};
  }

private:
  folly::Executor::KeepAlive<> executor_;
  Awaitable awaitable_;
};

namespace detail {
namespace adl {
template <typename Awaitable>
auto co_viaIfAsync(folly::Executor::KeepAlive<> executor, Awaitable &&awaitable)
    -> ViaIfAsyncAwaitable<Awaitable> {
  return ViaIfAsyncAwaitable<Awaitable>{std::move(executor),
                                        static_cast<Awaitable &&>(awaitable)};
}

struct ViaIfAsyncFunction {
  template <typename Awaitable>
  auto operator()(folly::Executor::KeepAlive<> executor, Awaitable &&awaitable) const
      -> decltype(co_viaIfAsync(std::move(executor), static_cast<Awaitable &&>(awaitable))) {
    return co_viaIfAsync(std::move(executor), static_cast<Awaitable &&>(awaitable));
  }
};
} // namespace adl
} // namespace detail

inline constexpr detail::adl::ViaIfAsyncFunction co_viaIfAsync{};

} // namespace coro
} // namespace folly

// The parts of folly's <folly/futures/Future.h> (and Future-pre.h) that
// `via(executor).thenValue(...)` and `makeSemiFuture(...).via(executor)` use
// (folly ff98381ea68687a95c6185326db933aa6124d4c5), declarations only. What
// they do with the RequestContext: every continuation is attached through
// FutureBase::setCallback_(func), which passes RequestContext::saveContext()
// along (Future-inl.h:318-322) to Core::setCallback, and the core runs the
// callback, on the executor it was given (via), under a
// RequestContextScopeGuard of that context (futures/detail/Core.cpp:621,
// 628, 638). So thenValue's callable runs in the context current at the
// thenValue() call, whatever the executor does; via() itself keeps none.
#pragma once

#include <folly/Executor.h>
#include <folly/Unit.h>

#include <type_traits>

namespace folly {

template <class T> class Future;
template <class T> class SemiFuture;
template <class T> class Promise;

template <typename T> struct isFutureOrSemiFuture : std::false_type {
  using Inner = lift_unit_t<T>;
};
template <typename T> struct isFutureOrSemiFuture<Future<T>> : std::true_type {
  using Inner = T;
};
template <typename T> struct isFutureOrSemiFuture<SemiFuture<T>> : std::true_type {
  using Inner = T;
};

namespace futures {
namespace detail {
template <bool isTry_, typename F, typename... Args> struct argResult {
  using Result = std::invoke_result_t<F, Args...>;
};
template <typename T, typename F> struct valueCallableResult {
  using Arg = detail::argResult<false, F, T &&>;
  using ReturnsFuture = isFutureOrSemiFuture<typename Arg::Result>;
  using value_type = typename ReturnsFuture::Inner;
};

// Core::setCallback keeps the continuation with the context it was given;
// the continuation runs under a RequestContextScopeGuard of it.
class Core {
public:
  void setCallback(Func &&func, std::shared_ptr<folly::RequestContext> &&context) {
    callback_ = std::move(func);
    context_ = std::move(context);
  }
  void doCallback() {
    RequestContextScopeGuard rctx(std::move(context_));
    callback_();
  }

  Executor::KeepAlive<> executor_;

private:
  Func callback_;
  std::shared_ptr<folly::RequestContext> context_;
};

template <typename T, typename F> auto callWithValue(F &f) {
  if constexpr (std::is_invocable_v<F &, T &&>) {
    return f(T());
  } else {
    return f();
  }
}
} // namespace detail
} // namespace futures

template <class T> class SemiFuture {
public:
  using value_type = T;

  SemiFuture(SemiFuture &&) noexcept = default;
  ~SemiFuture() = default;

  /// Returns a Future which will call back on the other side of executor.
  Future<T> via(Executor::KeepAlive<> executor) && {
    core_->executor_ = std::move(executor);
    return Future<T>(std::move(core_));
  }
  Future<T> via(Executor::KeepAlive<> executor, int8_t /*priority*/) && {
    return std::move(*this).via(std::move(executor));
  }

  T get() &&;

private:
  explicit SemiFuture(std::shared_ptr<futures::detail::Core> core) : core_(std::move(core)) {}
  template <class> friend class Promise;
  template <class> friend class SemiFuture;
  template <class U> friend SemiFuture<typename std::decay<U>::type> makeSemiFuture(U &&);
  friend SemiFuture<Unit> makeSemiFuture();

  std::shared_ptr<futures::detail::Core> core_;
};

template <class T> class Future {
public:
  using value_type = T;

  Future(Future &&) noexcept = default;
  ~Future() = default;

  Future<T> via(Executor::KeepAlive<> executor) && {
    core_->executor_ = std::move(executor);
    return std::move(*this);
  }
  Future<T> via(Executor::KeepAlive<> executor, int8_t /*priority*/) && {
    return std::move(*this).via(std::move(executor));
  }

  /// When this Future has completed, execute func with its value, on the
  /// executor, in the RequestContext current now (setCallback_).
  template <typename F>
  Future<typename futures::detail::valueCallableResult<T, F>::value_type> thenValue(F &&func) && {
    using R = typename futures::detail::valueCallableResult<T, F>::value_type;
    auto next = std::make_shared<futures::detail::Core>();
    next->executor_ = core_->executor_;
    core_->setCallback(
        [f = static_cast<F &&>(func)]() mutable { futures::detail::callWithValue<T>(f); },
        RequestContext::saveContext());
    return Future<R>(std::move(next));
  }

  T get() &&;

private:
  explicit Future(std::shared_ptr<futures::detail::Core> core) : core_(std::move(core)) {}
  template <class> friend class Future;
  template <class> friend class SemiFuture;
  template <class> friend class Promise;
  template <class U> friend Future<typename std::decay<U>::type> makeFuture(U &&);
  friend Future<Unit> makeFuture();
  friend Future<Unit> via(Executor::KeepAlive<> executor);

  std::shared_ptr<futures::detail::Core> core_;
};

template <class T> class Promise {
public:
  Promise() = default;
  SemiFuture<T> getSemiFuture() { return SemiFuture<T>(core_); }
  Future<T> getFuture() { return Future<T>(core_); }
  template <class M> void setValue(M && /*value*/) { core_->doCallback(); }

private:
  std::shared_ptr<futures::detail::Core> core_ = std::make_shared<futures::detail::Core>();
};

template <class T> SemiFuture<typename std::decay<T>::type> makeSemiFuture(T && /*t*/) {
  return SemiFuture<typename std::decay<T>::type>(std::make_shared<futures::detail::Core>());
}
inline SemiFuture<Unit> makeSemiFuture() {
  return SemiFuture<Unit>(std::make_shared<futures::detail::Core>());
}
template <class T> Future<typename std::decay<T>::type> makeFuture(T && /*t*/) {
  return Future<typename std::decay<T>::type>(std::make_shared<futures::detail::Core>());
}
inline Future<Unit> makeFuture() { return Future<Unit>(std::make_shared<futures::detail::Core>()); }

/// Returns a Future<Unit> that completes on the executor.
inline Future<Unit> via(Executor::KeepAlive<> executor) {
  return makeFuture().via(std::move(executor));
}
inline Future<Unit> via(Executor::KeepAlive<> executor, int8_t /*priority*/) {
  return via(std::move(executor));
}

/// Execute a function via the given executor and return a future: the same
/// as via(executor).thenValue(func).
template <class Func>
auto via(Executor::KeepAlive<> executor, Func &&func)
    -> Future<typename isFutureOrSemiFuture<decltype(static_cast<Func &&>(func)())>::Inner> {
  return via(std::move(executor)).thenValue([f = static_cast<Func &&>(func)](Unit) mutable {
    return f();
  });
}

} // namespace folly

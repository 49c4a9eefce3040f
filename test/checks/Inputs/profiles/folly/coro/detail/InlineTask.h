// folly's <folly/coro/detail/InlineTask.h>, with the real names:
// folly::coro::detail::InlineTask<T>, a lazy task (its promise's
// initial_suspend() is suspend_always) that does not restore the
// RequestContext when it resumes: folly::coro::Task does.
#pragma once

#include <coroutine>
#include <exception>

namespace folly {
namespace coro {
namespace detail {

template <typename T> class InlineTask;

class InlineTaskPromiseBase {
public:
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { std::terminate(); }
};

template <typename T> class InlineTaskPromise : public InlineTaskPromiseBase {
public:
  InlineTask<T> get_return_object() noexcept;
  void return_value(T) {}
};

template <> class InlineTaskPromise<void> : public InlineTaskPromiseBase {
public:
  InlineTask<void> get_return_object() noexcept;
  void return_void() noexcept {}
};

template <typename T> class InlineTask {
public:
  using promise_type = InlineTaskPromise<T>;
};

template <typename T> InlineTask<T> InlineTaskPromise<T>::get_return_object() noexcept {
  return {};
}
inline InlineTask<void> InlineTaskPromise<void>::get_return_object() noexcept { return {}; }

} // namespace detail
} // namespace coro
} // namespace folly

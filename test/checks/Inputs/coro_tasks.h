// Task types for the coroutine tests, written as a user's own library would
// write them, on the real <coroutine>: an eager task (it runs up to its first
// suspension when called), a lazy one (its body starts when it is awaited),
// one that carries the context across suspensions, a generator, an
// awaitable that always suspends, and awaitables that carry the context.
#ifndef ASYNCCTX_TEST_CORO_TASKS_H
#define ASYNCCTX_TEST_CORO_TASKS_H

#include "asyncctx/annotations.h"
#include <coroutine>
#include <exception>

struct eager_task {
  struct promise_type {
    eager_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

struct lazy_task {
  struct promise_type {
    lazy_task get_return_object() {
      return lazy_task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  std::coroutine_handle<promise_type> handle;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept { handle.resume(); }
  void await_resume() const noexcept {}
};

/// Restores the value of every store each time it resumes, as
/// folly::coro::Task does for folly::RequestContext.
struct ASYNCCTX_CARRIES_CONTEXT carried_task {
  struct promise_type {
    carried_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

/// Like eager_task, but not annotated: the tests name it in
/// asyncctx.ContextCarryingTasks.
namespace app {
struct pool_task {
  struct promise_type {
    pool_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
} // namespace app

struct int_generator {
  struct promise_type {
    int_generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

/// Always suspends: the coroutine resumes wherever the scheduler resumes it.
struct next_tick {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

/// Suspends, and puts every store's value back when the awaiting coroutine
/// resumes, as folly's co_viaIfAsync does for folly::RequestContext.
struct ASYNCCTX_CARRIES_CONTEXT resume_with_context {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

/// Like resume_with_context, but not annotated: the tests name it in
/// asyncctx.ContextCarryingTasks.
namespace app {
struct pool_resume {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace app

/// An eager task whose promise sends everything it awaits through
/// resume_with_context (as folly::coro::Task's await_transform does through
/// co_viaIfAsync), without being annotated itself.
struct transforming_task {
  struct promise_type {
    transforming_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    template <class Awaitable> resume_with_context await_transform(Awaitable &&) { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

#endif // ASYNCCTX_TEST_CORO_TASKS_H

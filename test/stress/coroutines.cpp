// Coroutines: a scope opened inside a coroutine body, reads across
// co_await/co_yield inside it, and a coroutine lambda. The one diagnostic is
// the guard held across co_yield (asyncctx-suspend-in-scope); the reads after
// it are not reported again for the same cause.
//
// RUN: %check_asyncctx --std=c++20 %s 'asyncctx-*' %t

#include "mock_store.h"
#include <coroutine>

mock::store<Claims> claims_storage;
void use(Claims *c);

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int) { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

ASYNCCTX_INVOCATION task handle(Claims c) {
  co_await std::suspend_never{};
  claims_storage.run(c, [] { use(claims_storage.get_store()); });
  mock::scope<Claims> guard(claims_storage, c);
  use(claims_storage.get_store());
  co_yield 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_yield' suspends the coroutine while the scope of store 'claims_storage' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: scope guard 'guard' opened the scope of store 'claims_storage' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  use(claims_storage.get_store());
}

ASYNCCTX_INVOCATION void spawn(Claims c) {
  auto coro = [](Claims v) -> task {
    claims_storage.run(v, [] { use(claims_storage.get_store()); });
    co_return;
  };
  coro(c);
}

// Coroutines: a scope opened inside a coroutine body, reads across
// co_await/co_yield inside it, and a coroutine lambda. No diagnostic
// expected.
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
  use(claims_storage.get_store());
}

ASYNCCTX_INVOCATION void spawn(Claims c) {
  auto coro = [](Claims v) -> task {
    claims_storage.run(v, [] { use(claims_storage.get_store()); });
    co_return;
  };
  coro(c);
}

// Coroutines: co_await, co_yield and co_return cannot move into a lambda
// (it is not a coroutine), so those get no fix-it; statements without them
// after the last suspension point can. Uses the standard <coroutine>.
//
// RUN: %check_asyncctx --std=c++20 %s asyncctx-enter-with %t

#include "mock_store.h"
#include <coroutine>

mock::store<Claims> claims_storage;
void log(const char *message);

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
    std::suspend_never yield_value(int) { return {}; }
  };
};

ASYNCCTX_INVOCATION task bad_co_await(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: no fix-it: the statements it would wrap contain 'co_await'
  co_await std::suspend_never{};
  log("resumed");
}

ASYNCCTX_INVOCATION task bad_co_yield(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: no fix-it: the statements it would wrap contain 'co_yield'
  co_yield 1;
}

ASYNCCTX_INVOCATION task bad_co_return(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: no fix-it: the statements it would wrap contain 'co_return'
  log("x");
  co_return;
}

// After the last suspension point the statements can move into the lambda;
// the coroutine goes on after it (and is never made to 'return' a value).
ASYNCCTX_INVOCATION task bad_after_the_last_suspension(Claims c) {
  co_await std::suspend_never{};
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  log("no suspension after");
}
// CHECK-FIXES: ASYNCCTX_INVOCATION task bad_after_the_last_suspension(Claims c) {
// CHECK-FIXES-NEXT:   co_await std::suspend_never{};
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     log("no suspension after");
// CHECK-FIXES-NEXT:   });

// run() makes its value current until the callable returns; a coroutine
// returns at its first suspension. A lazy coroutine's body (initial_suspend
// is not std::suspend_never) runs after run() returned: none of it is in the
// scope. An eager one is in scope up to its first co_await or co_yield. A
// task type that carries the context is in scope throughout. bind() behaves
// the same way when the bound coroutine is called.
//
// RUN: %check_asyncctx --std=c++20 %s asyncctx-read-outside-run %t

#include "coro_tasks.h"
#include "mock_store.h"

mock::store<Claims> claims_storage;
int read_user() { return claims_storage.get_store()->user; }

ASYNCCTX_INVOCATION void handler(int user) {
  claims_storage.run(Claims{user}, []() -> lazy_task {
    read_user();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'run' returns before the body of the lazy coroutine starts: its scope covers none of it
    // CHECK-MESSAGES: :[[@LINE-7]]:41: note: 'read_user' reads 'claims_storage' here
    co_return;
  });

  claims_storage.run(Claims{user}, []() -> eager_task {
    read_user(); // good: before the first suspension
    co_await next_tick{};
    read_user();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the coroutine suspends here, and the scope of 'run' ends with it
    // CHECK-MESSAGES: :[[@LINE-6]]:18: note: 'run' runs the lambda here
    // CHECK-MESSAGES: :[[@LINE-18]]:41: note: 'read_user' reads 'claims_storage' here
  });

  claims_storage.run(Claims{user}, []() -> int_generator {
    co_yield 1;
    co_yield read_user();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-4]]:18: note: 'run' returns before the body of the lazy coroutine starts: its scope covers none of it
    // CHECK-MESSAGES: :[[@LINE-26]]:41: note: 'read_user' reads 'claims_storage' here
  });

  // Good: a task type that carries the context.
  claims_storage.run(Claims{user}, []() -> carried_task {
    co_await next_tick{};
    read_user();
  });

  // Good: an ordinary lambda, all of it inside run.
  claims_storage.run(Claims{user}, [] { read_user(); });
}

eager_task named_coroutine() {
  co_await next_tick{};
  read_user();
}

ASYNCCTX_INVOCATION void handler_with_named(int user) {
  // A named coroutine: reported at the run that calls it.
  claims_storage.run(Claims{user}, named_coroutine);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'named_coroutine' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: the coroutine suspends here, and the scope of 'run' ends with it
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'named_coroutine' reads 'claims_storage' through 'read_user' here
  // CHECK-MESSAGES: :[[@LINE-50]]:41: note: 'read_user' reads 'claims_storage' here

  // bind: the bound coroutine runs with the bind's value until it suspends.
  auto later = claims_storage.run(Claims{user}, [] {
    return claims_storage.bind([]() -> eager_task {
      read_user();
      co_await next_tick{};
      read_user();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: the coroutine suspends here, and the scope of 'bind' ends with it
      // CHECK-MESSAGES: :[[@LINE-6]]:27: note: 'bind' binds the lambda here
      // CHECK-MESSAGES: :[[@LINE-61]]:41: note: 'read_user' reads 'claims_storage' here
    });
  });
  later();
}

// A scope a coroutine opens in its own body does not follow it across a
// suspension: reported at each co_await and co_yield reached while it is
// active, once per suspension point, with a note where it was opened. Not
// reported: a scope closed before the suspension, a task type or an
// awaitable that carries the context (annotated, or named in
// asyncctx.ContextCarryingTasks).
//
// RUN: %check_asyncctx --std=c++20 %s asyncctx-suspend-in-scope %t -- --config="{CheckOptions: {asyncctx.ContextCarryingTasks: 'app::pool_task;app::pool_resume'}}"

#include "coro_tasks.h"
#include "mock_store.h"
#include <string>

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
int read_user() { return claims_storage.get_store()->user; }

ASYNCCTX_INVOCATION eager_task bad_guard_across_await(int user) {
  mock::scope<Claims> guard(claims_storage, Claims{user});
  read_user();
  co_await next_tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'claims_storage' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: scope guard 'guard' opened the scope of store 'claims_storage' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  read_user();
}

eager_task bad_enter_before_disable(int user) {
  claims_storage.enter_with(Claims{user});
  co_await next_tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'claims_storage' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'enter_with' made a value current in store 'claims_storage' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  claims_storage.disable();
}

int_generator bad_yield_in_scope(int users) {
  for (int i = 0; i < users; ++i) {
    mock::scope<Claims> guard(claims_storage, Claims{i});
    co_yield read_user();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'co_yield' suspends the coroutine while the scope of store 'claims_storage' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
    // CHECK-MESSAGES: :[[@LINE-3]]:25: note: scope guard 'guard' opened the scope of store 'claims_storage' here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  }
}

// Two scopes open at one suspension: one warning, a note for each.
eager_task bad_two_scopes(int user) {
  mock::scope<Claims> claims(claims_storage, Claims{user});
  request_ids.enter_with(Claims{user});
  co_await next_tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'claims_storage' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: scope guard 'claims' opened the scope of store 'claims_storage' here
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'enter_with' made a value current in store 'request_ids' here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  request_ids.disable();
}

// A parameter the coroutine copies into its frame (a std::string): the
// compiler's copies around the body do not end the guard.
eager_task bad_guard_with_copied_parameter(std::string user) {
  mock::scope<Claims> guard(claims_storage, Claims{static_cast<int>(user.size())});
  co_await next_tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'claims_storage' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: scope guard 'guard' opened the scope of store 'claims_storage' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
}

// The scope open on some paths only (a branch opened it): those paths
// suspend inside it.
eager_task bad_some_paths(int user) {
  if (user)
    claims_storage.enter_with(Claims{user});
  co_await next_tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'claims_storage' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'enter_with' made a value current in store 'claims_storage' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  claims_storage.disable();
}

eager_task good_guard_closed_before(int user) {
  {
    mock::scope<Claims> guard(claims_storage, Claims{user});
    read_user();
  }
  co_await next_tick{};
  mock::scope<Claims> again(claims_storage, Claims{user});
  read_user();
}

eager_task good_disabled_before(int user) {
  claims_storage.enter_with(Claims{user});
  read_user();
  claims_storage.disable();
  co_await next_tick{};
}

carried_task good_carried(int user) {
  mock::scope<Claims> guard(claims_storage, Claims{user});
  co_await next_tick{};
  read_user();
}

app::pool_task good_configured_carrier(int user) {
  mock::scope<Claims> guard(claims_storage, Claims{user});
  co_await next_tick{};
  read_user();
}

// An awaitable that puts the value back when the coroutine resumes:
// annotated, named in asyncctx.ContextCarryingTasks, or made by the
// promise's await_transform. Only the other suspensions are reported.
eager_task good_carrying_awaitable(int user) {
  mock::scope<Claims> guard(claims_storage, Claims{user});
  co_await resume_with_context{};
  read_user();
  co_await app::pool_resume{};
  read_user();
}

transforming_task good_transformed_await(int user) {
  mock::scope<Claims> guard(claims_storage, Claims{user});
  co_await next_tick{};
  read_user();
}

eager_task bad_after_carrying_awaitable(int user) {
  mock::scope<Claims> guard(claims_storage, Claims{user});
  co_await resume_with_context{};
  co_await next_tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'claims_storage' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: scope guard 'guard' opened the scope of store 'claims_storage' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  read_user();
}

// A scope opened by a caller (run) is not this coroutine's to close; the
// read after the suspension is asyncctx-read-outside-run's.
eager_task good_callers_scope() {
  co_await next_tick{};
}

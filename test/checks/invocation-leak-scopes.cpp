// asyncctx-invocation-leak, case 3: scopes that never end. A guard of static
// or thread storage, or made with `new`, keeps its value current for every
// later invocation; so does an enter_with in a static initializer.
//
// RUN: %check_asyncctx %s asyncctx-invocation-leak %t

#include "mock_store.h"

mock::store<Claims> claims_storage;

mock::scope<Claims> process_guard(claims_storage, Claims{});
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: scope guard 'process_guard' has static storage: its scope never ends, and every later invocation sees its value [asyncctx-invocation-leak]
thread_local mock::scope<Claims> thread_guard(claims_storage, Claims{});
// CHECK-MESSAGES: :[[@LINE-1]]:34: warning: scope guard 'thread_guard' has thread storage: its scope never ends, and every later invocation sees its value [asyncctx-invocation-leak]

ASYNCCTX_INVOCATION void handler(Claims c) {
  static mock::scope<Claims> first_caller(claims_storage, c);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: scope guard 'first_caller' has static storage: its scope never ends, and every later invocation sees its value [asyncctx-invocation-leak]
  auto *leaked = new mock::scope<Claims>(claims_storage, c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: scope guard made with 'new': its scope ends only when it is deleted, and every invocation until then sees its value [asyncctx-invocation-leak]
  mock::scope<Claims> good_local(claims_storage, c);
}

bool entered = (claims_storage.enter_with(Claims{}), true);
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'enter_with' in the initializer of 'entered' makes a value current that no invocation ends [asyncctx-invocation-leak]

int setup() {
  static bool once = (claims_storage.enter_with(Claims{}), true);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'enter_with' in the initializer of 'once' makes a value current that no invocation ends [asyncctx-invocation-leak]
  return once;
}

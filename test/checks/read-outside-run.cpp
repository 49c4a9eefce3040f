// asyncctx-read-outside-run within a function: which points are in scope and
// which have none. Cases are named good_* (no warning) and bad_*.
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
void log(const char *message);
bool flag();

// --- main runs with no scope ------------------------------------------------

void run_examples();

int main() {
  claims_storage.get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'main' runs with no scope active

  // A read that is always null is reported even where the code checks.
  if (const Claims *c = claims_storage.get_store())
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: 'main' runs with no scope active
    log("never");

  // Inside the callable given to run, and after it.
  claims_storage.run(Claims{}, [] { claims_storage.get_store(); });
  claims_storage.get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: 'main' runs with no scope active

  // Stores are told apart, even of one type.
  claims_storage.run(Claims{}, [] { request_ids.get_store(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'get_store' reads store 'request_ids' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-20]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'run' runs the lambda here

  // After enter_with on every path, and up to disable.
  claims_storage.enter_with(Claims{});
  claims_storage.get_store();
  claims_storage.disable();
  claims_storage.get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'disable' cleared the store here

  // After enter_with on some paths only.
  if (flag())
    claims_storage.enter_with(Claims{});
  claims_storage.get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'get_store' reads store 'claims_storage' where no scope is active on some paths [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-10]]:18: note: 'disable' cleared the store here
  claims_storage.disable();

  // During a guard's lifetime, and after it.
  {
    mock::scope<Claims> guard(claims_storage, Claims{});
    claims_storage.get_store();
  }
  claims_storage.get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-9]]:18: note: 'disable' cleared the store here

  // In a loop that enters and clears each time around.
  for (int i = 0; i < 3; ++i) {
    claims_storage.enter_with(Claims{i});
    claims_storage.get_store();
    claims_storage.disable();
  }

  // The callable given to exit runs with no scope, even inside run.
  claims_storage.run(Claims{}, [] {
    claims_storage.exit([] { claims_storage.get_store(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'exit' runs the callable with no scope of store 'claims_storage'
  });

  // A callable made by bind where the store is in scope carries the scope;
  // made where there is none, it has none.
  auto bound = claims_storage.run(Claims{}, [] {
    return claims_storage.bind([] { return claims_storage.get_store(); });
  });
  bound();
  auto unbound = claims_storage.bind([] { return claims_storage.get_store(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-33]]:18: note: 'disable' cleared the store here
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'bind' binds the lambda here
  unbound();

  run_examples();
}

// --- invocations start with no scope ---------------------------------------

ASYNCCTX_INVOCATION void bad_read_before_the_scope(Claims c) {
  claims_storage.get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: invocation 'bad_read_before_the_scope' starts with no scope active
  claims_storage.run(c, [] { claims_storage.get_store(); });
}

ASYNCCTX_INVOCATION void good_read_after_enter_with(Claims c) {
  claims_storage.enter_with(c);
  claims_storage.get_store();
  claims_storage.disable();
}

// --- namespace-scope initializers and destructors ---------------------------

const Claims *bad_global = claims_storage.get_store();
// CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: 'bad_global' is initialized before 'main', where no scope is active

struct Config {
  static const Claims *bad_static_member;
};
const Claims *Config::bad_static_member = claims_storage.get_store();
// CHECK-MESSAGES: :[[@LINE-1]]:58: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
// CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'bad_static_member' is initialized before 'main', where no scope is active

struct Audit {
  ~Audit() { claims_storage.get_store(); }
};
Audit bad_destroyed_after_main;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: '~Audit' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
// CHECK-MESSAGES: :[[@LINE-2]]:7: note: 'bad_destroyed_after_main' is destroyed after 'main' returns, where no scope is active
// CHECK-MESSAGES: :[[@LINE-5]]:29: note: '~Audit' reads 'claims_storage' here

// A function's static local is initialized where the function is first
// called: here, inside a run.
int good_static_local() {
  static const Claims *first = claims_storage.get_store();
  return first ? first->user : 0;
}

void run_examples() {
  claims_storage.run(Claims{}, good_static_local);
}

// --- functions whose callers are unknown ------------------------------------

// Externally visible with no caller here: its callers decide (see the
// StrictMode test).
const Claims *good_unknown_callers() { return claims_storage.get_store(); }

// REQUIRES_SCOPE: its reads are checked at its callers.
ASYNCCTX_REQUIRES_SCOPE int good_requires_scope() { return claims_storage.get_store()->user; }

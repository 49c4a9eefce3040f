// Compile errors in and around role calls: the checks run on what parsed
// and report nothing inside what did not; only the compiler's errors show.
//
// RUN: %check_asyncctx --no-compile %s 'asyncctx-*' %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void use(Claims *c);

ASYNCCTX_INVOCATION void missing_semicolon(Claims c) {
  claims_storage.run(c, [&] { use(claims_storage.get_store()) });
  // CHECK-MESSAGES: :[[@LINE-1]]:62: error: expected ';' after expression [clang-diagnostic-error]
}

ASYNCCTX_INVOCATION void bad_argument() {
  claims_storage.enter_with(Claims{undeclared_value});
  // CHECK-MESSAGES: :[[@LINE-1]]:36: error: use of undeclared identifier 'undeclared_value' [clang-diagnostic-error]
  claims_storage.disable();
}

ASYNCCTX_INVOCATION void unknown_store() {
  undeclared_store.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'undeclared_store' [clang-diagnostic-error]
  use(undeclared_store.get_store());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: error: use of undeclared identifier 'undeclared_store' [clang-diagnostic-error]
}

// Never instantiated, and it could not be: the enter_with is still real
// code, reported once, on the template.
template <class T> void never_instantiated(T t) {
  claims_storage.enter_with(t.missing_member);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'enter_with' makes a value current in store 'mock::store<Claims>' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

ASYNCCTX_INVOCATION void good_after_errors(Claims c) {
  claims_storage.run(c, [&] { use(claims_storage.get_store()); });
}

// An unbalanced macro: the call it was meant to wrap is never made.
#define OPEN_SCOPE(v) claims_storage.run(v, [&] {
ASYNCCTX_INVOCATION void unbalanced_macro(Claims c) {
  OPEN_SCOPE(c)
  use(claims_storage.get_store());
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: error: expected ')' [clang-diagnostic-error]
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: to match this '('
// CHECK-MESSAGES: :[[@LINE-8]]:41: note: expanded from macro 'OPEN_SCOPE'

ASYNCCTX_INVOCATION void after_the_macro(Claims c) {
  claims_storage.run(c, [&] { use(claims_storage.get_store()); });
}

// Code with errors: the checks run on what parsed and report nothing in a
// call or a declaration that failed to parse. The compiler's own errors are
// matched, so any other diagnostic fails the test.
//
// RUN: %check_asyncctx --no-compile %s asyncctx-enter-with,asyncctx-read-outside-run,asyncctx-invocation-leak %t

#include "mock_store.h"

mock::store<Claims> claims_storage;

void broken_call() { claims_storage.enter_with(Claims{}, undeclared_argument); }
// CHECK-MESSAGES: :[[@LINE-1]]:58: error: use of undeclared identifier 'undeclared_argument' [clang-diagnostic-error]

undeclared_type broken_declaration = claims_storage.get_store();
// CHECK-MESSAGES: :[[@LINE-1]]:1: error: unknown type name 'undeclared_type' [clang-diagnostic-error]

void still_checked(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

// Last in the file: the parser's recovery takes everything after it. What it
// recovered (a variable 'broken_signature' with an initializer that calls
// enter_with) is not reported.
// CHECK-MESSAGES: :[[@LINE+5]]:6: error: variable has incomplete type 'void' [clang-diagnostic-error]
// CHECK-MESSAGES: :[[@LINE+4]]:61: error: unexpected ';' before '}' [clang-diagnostic-error]
// CHECK-MESSAGES: :[[@LINE+3]]:64: error: expected ')' [clang-diagnostic-error]
// CHECK-MESSAGES: :[[@LINE+2]]:22: note: to match this '('
// CHECK-MESSAGES: :[[@LINE+1]]:64: error: expected ';' after top level declarator [clang-diagnostic-error]
void broken_signature( { claims_storage.enter_with(Claims{}); }

// Functions clang could not build whole are skipped, and so are their
// callers; the rest of the file is still checked (issue 28).
//
// A member of incomplete type makes its class invalid, but clang keeps the
// out-of-line destructor's body; a CFG with implicit destructors of that
// class asks the member's type, which has no definition, whether its
// destructor is trivial: a crash in clang::CFG::buildCFG before the fix.
//
// RUN: %check_asyncctx --no-compile %s 'asyncctx-*' %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void use(Claims *c);

struct connection;

struct holder {
  connection member;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: error: field has incomplete type 'connection' [clang-diagnostic-error]
  // CHECK-MESSAGES: :[[@LINE-5]]:8: note: forward declaration of 'connection'
  connection members[2];
  // CHECK-MESSAGES: :[[@LINE-1]]:14: error: field has incomplete type 'connection' [clang-diagnostic-error]
  // CHECK-MESSAGES: :[[@LINE-8]]:8: note: forward declaration of 'connection'
  ~holder();
};

holder::~holder() { claims_storage.disable(); }

// A helper with an error: what it does to the store is not known, so the
// read after the call to it is not reported either.
void enter_claims(Claims c) {
  claims_storage.enter_with(c);
  log_entered(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'log_entered' [clang-diagnostic-error]
}

ASYNCCTX_INVOCATION void calls_broken_helper(Claims c) {
  enter_claims(c);
  use(claims_storage.get_store());
  claims_storage.disable();
}

// An exception declaration of an unknown type is an invalid local: the
// function is skipped (the enter_with is not reported, nor its leak).
ASYNCCTX_INVOCATION void catch_unknown_type() {
  try {
    claims_storage.enter_with(Claims{});
  } catch (const parse_error &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:18: error: unknown type name 'parse_error' [clang-diagnostic-error]
  }
}

// Nothing here depends on the code with errors: still reported.
ASYNCCTX_INVOCATION void still_checked() {
  use(claims_storage.get_store());
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: invocation 'still_checked' starts with no scope active
}

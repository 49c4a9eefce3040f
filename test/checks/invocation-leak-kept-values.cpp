// asyncctx-invocation-leak, case 2: a value read from a store kept in a
// variable of static, thread or namespace storage outlives its invocation;
// the next invocation on the thread sees the previous caller's value.
//
// RUN: %check_asyncctx %s asyncctx-invocation-leak %t

#include "mock_store.h"

struct Session {
  int user = 0;
  Claims *claims = nullptr;
};

mock::store<Claims> claims_storage;
mock::store<Session> sessions;

const Claims &use_claims() {
  const Claims *claims = claims_storage.get_store();
  return *claims;
}
int current_user() { return use_claims().user; }

Claims *cached_claims;
int cached_user;
thread_local int thread_user;
Session last_session;

struct Cache {
  static int user;
};
int Cache::user;

ASYNCCTX_INVOCATION void handler(Claims c) {
  claims_storage.run(c, [] {
    cached_claims = claims_storage.get_store();
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a value read from store 'claims_storage' is kept in 'cached_claims', which outlives the invocation [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE-2]]:36: note: read here
    cached_user = claims_storage.get_store()->user;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: a value read from store 'claims_storage' is kept in 'cached_user', which outlives the invocation [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE-2]]:34: note: read here
    thread_user = current_user();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: a value read from store 'claims_storage' is kept in 'thread_user', which outlives the invocation [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE-25]]:41: note: read here
    Cache::user = use_claims().user;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: a value read from store 'claims_storage' is kept in 'Cache::user', which outlives the invocation [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE-28]]:41: note: read here
    last_session.user = sessions.get_store()->user;
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: a value read from store 'sessions' is kept in 'last_session', which outlives the invocation [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE-2]]:34: note: read here
    last_session.claims = sessions.get_store()->claims;
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: a value read from store 'sessions' is kept in 'last_session', which outlives the invocation [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE-2]]:36: note: read here

    // Static locals: initialized once, by whichever invocation comes first.
    static int first_user = current_user();
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a value read from store 'claims_storage' is kept in 'first_user', which outlives the invocation [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE-39]]:41: note: read here
    static const Claims *first_claims = claims_storage.get_store();
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: a value read from store 'claims_storage' is kept in 'first_claims', which outlives the invocation [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE-2]]:56: note: read here

    // Locals, parameters and members of local objects are fine.
    int user = current_user();
    Session local;
    local.user = use_claims().user;
    static int calls;
    calls = calls + 1;
    cached_user = 42;
  });
}

// Namespace-scope initializers are kept for the life of the process too.
int startup_user = current_user();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a value read from store 'claims_storage' is kept in 'startup_user', which outlives the invocation [asyncctx-invocation-leak]
// CHECK-MESSAGES: :[[@LINE-57]]:41: note: read here

// A scope guard's scope ends at its destructor, which restores the value it
// found: an enter_with made while a guard of the same store is alive is
// undone when the guard is destroyed, on every path out of its block. An
// enter_with after the guard's block, or a read after it, is not covered.
//
// RUN: %check_asyncctx %s asyncctx-invocation-leak,asyncctx-read-outside-run %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
int read_user() { return claims_storage.get_store()->user; }

ASYNCCTX_INVOCATION void good_enter_under_guard(int user) {
  mock::scope<Claims> guard(claims_storage, Claims{user});
  claims_storage.enter_with(Claims{user + 1});
  read_user();
}

ASYNCCTX_INVOCATION void good_guard_in_block_early_return(int user) {
  {
    mock::scope<Claims> guard(claims_storage, Claims{user});
    claims_storage.enter_with(Claims{user + 1});
    if (user > 10)
      return;
    read_user();
  }
  if (user)
    return;
}

ASYNCCTX_INVOCATION void good_guard_in_loop(int users) {
  for (int i = 0; i < users; ++i) {
    mock::scope<Claims> guard(claims_storage, Claims{i});
    claims_storage.enter_with(Claims{i + 1});
    if (i == 3)
      break;
    read_user();
  }
}

ASYNCCTX_INVOCATION void bad_enter_after_guard(int user) {
  {
    mock::scope<Claims> guard(claims_storage, Claims{user});
    read_user();
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_enter_after_guard' ends [asyncctx-invocation-leak]
  claims_storage.enter_with(Claims{user + 1});
  read_user();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'bad_enter_after_guard' can end here with the value still current

ASYNCCTX_INVOCATION void bad_guard_of_another_store(int user) {
  mock::scope<Claims> guard(request_ids, Claims{user});
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_guard_of_another_store' ends [asyncctx-invocation-leak]
  claims_storage.enter_with(Claims{user});
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'bad_guard_of_another_store' can end here with the value still current

ASYNCCTX_INVOCATION void bad_read_after_guard_block(int user) {
  {
    mock::scope<Claims> guard(claims_storage, Claims{user});
    claims_storage.enter_with(Claims{user + 1});
  }
  read_user();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-7]]:26: note: invocation 'bad_read_after_guard_block' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-56]]:41: note: 'read_user' reads 'claims_storage' here
}

// A guard kept alive by a reference to the temporary ends with the reference.
ASYNCCTX_INVOCATION void good_guard_bound_to_reference(int user) {
  const mock::scope<Claims> &guard = mock::scope<Claims>(claims_storage, Claims{user});
  claims_storage.enter_with(Claims{user + 1});
  read_user();
}

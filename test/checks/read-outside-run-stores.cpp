// Which store a read refers to: stores of one type are told apart; a store a
// function takes as a parameter is, at each call, the store passed; a store
// that is a local variable starts with no value.
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;

int read_from(mock::store<Claims> &s) { return s.get_store()->user; }
int read_through_pointer(mock::store<Claims> *s) { return s->get_store()->user; }
void enter(mock::store<Claims> &s) { s.enter_with(Claims{}); }

void bad_local_store() {
  mock::store<Claims> local;
  local.get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'get_store' reads store 'local' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: store 'local' is created here with no value current
  local.run(Claims{}, [&] { local.get_store(); });
}

int main() {
  claims_storage.run(Claims{}, [] {
  // CHECK-MESSAGES: :[[@LINE+5]]:5: warning: 'read_from' reads store 'request_ids' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'run' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-17]]:50: note: 'read_from' reads 'request_ids' here
    read_from(claims_storage);
    read_from(request_ids);
    read_through_pointer(&claims_storage);
    read_through_pointer(&request_ids);
  });
  enter(request_ids);
  read_from(request_ids);
  read_from(claims_storage);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read_from' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-28]]:50: note: 'read_from' reads 'claims_storage' here
  bad_local_store();
}

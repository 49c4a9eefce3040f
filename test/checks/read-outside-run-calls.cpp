// asyncctx-read-outside-run across the functions of a translation unit: a
// function that reads outside its own scopes passes that need to its callers;
// a call from a point with no scope is reported there, with notes down to the
// read.
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
mock::store<Claims> &storage_of_the_process();
void log(const char *message);
bool flag();

// The Node claims example: use_claims reads, list reads through it.
const Claims &use_claims() { return *claims_storage.get_store(); }
int list() { return use_claims().user; }

// Helpers that always enter, or always clear, the store.
void before(Claims c) { claims_storage.enter_with(c); }
void after() { claims_storage.disable(); }
void maybe_before(Claims c) {
  if (flag())
    claims_storage.enter_with(c);
}

// Recursion and mutual recursion end.
int depth(int n) { return n ? depth(n - 1) : claims_storage.get_store()->user; }
int ping(int n);
int pong(int n) { return n ? ping(n - 1) : list(); }
int ping(int n) { return n ? pong(n - 1) : 0; }

// A function handed to run, and a named lambda only used that way.
int good_handler() { return list(); }

// Unknown callers: the address escapes, or it is only called from outside.
using Callback = int (*)();
Callback good_escapes = &list;
int good_externally_called() { return list(); }

template <class T> T templated_read(T fallback) {
  const Claims *c = claims_storage.get_store();
  return c ? T(c->user) : fallback;
}

#define CURRENT_USER() (claims_storage.get_store()->user)

struct Handler {
  int member_list() { return list(); }
};

int main() {
  list();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'list' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-39]]:21: note: 'list' reads 'claims_storage' through 'use_claims' here
  // CHECK-MESSAGES: :[[@LINE-41]]:53: note: 'use_claims' reads 'claims_storage' here
  depth(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'depth' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-33]]:61: note: 'depth' reads 'claims_storage' here
  ping(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ping' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-12]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-34]]:30: note: 'ping' reads 'claims_storage' through 'pong' here
  // CHECK-MESSAGES: :[[@LINE-36]]:44: note: 'pong' reads 'claims_storage' through 'list' here
  // CHECK-MESSAGES: :[[@LINE-50]]:21: note: 'list' reads 'claims_storage' through 'use_claims' here
  // CHECK-MESSAGES: :[[@LINE-52]]:53: note: 'use_claims' reads 'claims_storage' here

  before(Claims{});
  list();
  after();
  list();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'list' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-54]]:31: note: 'disable' cleared the store here
  // CHECK-MESSAGES: :[[@LINE-59]]:21: note: 'list' reads 'claims_storage' through 'use_claims' here
  // CHECK-MESSAGES: :[[@LINE-61]]:53: note: 'use_claims' reads 'claims_storage' here

  maybe_before(Claims{});
  list();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'list' reads store 'claims_storage' where no scope is active on some paths [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-61]]:31: note: 'disable' cleared the store here
  // CHECK-MESSAGES: :[[@LINE-66]]:21: note: 'list' reads 'claims_storage' through 'use_claims' here
  // CHECK-MESSAGES: :[[@LINE-68]]:53: note: 'use_claims' reads 'claims_storage' here
  after();

  claims_storage.run(Claims{}, good_handler);
  auto body = [] { return list(); };
  claims_storage.run(Claims{}, body);
  auto direct = [] { return list(); };
  direct();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the lambda reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-72]]:31: note: 'disable' cleared the store here
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: the lambda reads 'claims_storage' through 'list' here
  // CHECK-MESSAGES: :[[@LINE-78]]:21: note: 'list' reads 'claims_storage' through 'use_claims' here
  // CHECK-MESSAGES: :[[@LINE-80]]:53: note: 'use_claims' reads 'claims_storage' here

  // A template is reported at each call, never once per instantiation inside.
  templated_read(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'templated_read' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-80]]:31: note: 'disable' cleared the store here
  // CHECK-MESSAGES: :[[@LINE-60]]:36: note: 'templated_read' reads 'claims_storage' here
  templated_read(2.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'templated_read' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-84]]:31: note: 'disable' cleared the store here
  // CHECK-MESSAGES: :[[@LINE-64]]:36: note: 'templated_read' reads 'claims_storage' here

  int user = CURRENT_USER();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-64]]:40: note: expanded from macro 'CURRENT_USER'
  // CHECK-MESSAGES: :[[@LINE-90]]:31: note: 'disable' cleared the store here

  // A store named only by its class stands for every store of that class.
  storage_of_the_process().run(Claims{}, [] { claims_storage.get_store(); });
  claims_storage.run(Claims{}, [] { storage_of_the_process().get_store(); });
  request_ids.run(Claims{}, [] { list(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'list' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-97]]:31: note: 'disable' cleared the store here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'run' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-103]]:21: note: 'list' reads 'claims_storage' through 'use_claims' here
  // CHECK-MESSAGES: :[[@LINE-105]]:53: note: 'use_claims' reads 'claims_storage' here

  Handler h;
  claims_storage.run(Claims{}, [&] { h.member_list(); });
  h.member_list();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'member_list' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-106]]:31: note: 'disable' cleared the store here
  // CHECK-MESSAGES: :[[@LINE-79]]:30: note: 'member_list' reads 'claims_storage' through 'list' here
  // CHECK-MESSAGES: :[[@LINE-112]]:21: note: 'list' reads 'claims_storage' through 'use_claims' here
  // CHECK-MESSAGES: :[[@LINE-114]]:53: note: 'use_claims' reads 'claims_storage' here
}

// A callable handed to a thread or a spawn where the store's scope may be
// active gets a note whose fix wraps it in the store's bind, so it runs with
// the value current where it was handed on. It changes what the callable
// reads (null before, the value after), so it is a note's fix: applied only
// with --fix-notes (this RUN), never by -fix (the second, which must change
// nothing). The fixed file compiles and a second --fix-notes changes nothing.
//
// RUN: %check_asyncctx --std=c++20 %s asyncctx-read-outside-run %t -- --fix-notes
// RUN: cp %s %t.plain.cpp
// RUN: %asyncctx_tidy -fix -checks='-*,asyncctx-read-outside-run' --config={} %t.plain.cpp -- -std=c++20 -I%asyncctx_include -I%asyncctx_inputs
// RUN: diff %s %t.plain.cpp

#include "mock_store.h"
#include <thread>

mock::store<Claims> claims_storage;
int read_user() { return claims_storage.get_store()->user; }

class Pool {
public:
  template <class F> ASYNCCTX_SPAWN void submit(F &&task) { task(); }
};

ASYNCCTX_INVOCATION void handler(Pool &pool, Claims c) {
  claims_storage.run(c, [&] {
    pool.submit([] { read_user(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'submit' runs the callable later or elsewhere, with no scope active; bind it to carry the scope
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-13]]:41: note: 'read_user' reads 'claims_storage' here
    std::thread worker([] { read_user(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: a callable started on a new thread runs with no scope active
    // CHECK-MESSAGES: :[[@LINE-3]]:24: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-18]]:41: note: 'read_user' reads 'claims_storage' here
    worker.join();
  });
  // CHECK-FIXES: {{^}}    pool.submit(claims_storage.bind([] { read_user(); }));
  // CHECK-FIXES: {{^}}    std::thread worker(claims_storage.bind([] { read_user(); }));

  // No scope here: bind would carry none; no note of it.
  std::thread outside([] { read_user(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: a callable started on a new thread runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-28]]:41: note: 'read_user' reads 'claims_storage' here
  outside.join();
}

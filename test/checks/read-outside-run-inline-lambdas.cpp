// A lambda written at the call that runs it is part of the code around it:
// its reads are reported where they are written, with a note at the call
// that starts it. A named lambda or function is reported at the call that
// reaches it, with notes down the chain (read-outside-run-calls.cpp).
//
// RUN: %check_asyncctx --std=c++20 %s asyncctx-read-outside-run %t

#include "mock_store.h"
#include <future>
#include <thread>

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
int list() { return claims_storage.get_store()->user; }

ASYNCCTX_INVOCATION void handler(Claims c) {
  claims_storage.run(c, [] {
    claims_storage.exit([] { claims_storage.get_store(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'exit' runs the callable with no scope of store 'claims_storage'

    std::thread bad_thread([] { list(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'list' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: a callable started on a new thread runs with no scope active
    // CHECK-MESSAGES: :[[@LINE-3]]:28: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-12]]:36: note: 'list' reads 'claims_storage' here
    bad_thread.join();

    auto bad_async = std::async(std::launch::async, [] {
      int user = list();
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'list' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
      // CHECK-MESSAGES: :[[@LINE-3]]:22: note: a callable started on a new thread runs with no scope active
      // CHECK-MESSAGES: :[[@LINE-4]]:53: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
      // CHECK-MESSAGES: :[[@LINE-20]]:36: note: 'list' reads 'claims_storage' here
      return user;
    });
    bad_async.get();

    // The second store has no scope here: the read is in the lambda, the
    // note is at the run that calls it.
    request_ids.get_store();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'get_store' reads store 'request_ids' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-27]]:26: note: invocation 'handler' starts with no scope active
    // CHECK-MESSAGES: :[[@LINE-27]]:18: note: 'run' runs the lambda here

    // Good: the thread opens its own scope; bind carries this one over.
    std::thread good_own([] { claims_storage.run(Claims{}, [] { list(); }); });
    std::thread good_bound(claims_storage.bind([] { list(); }));
    good_own.join();
    good_bound.join();
  });

  // A named lambda is reported at the call that reaches it.
  auto reads = [] { return list(); };
  std::thread named(reads);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the lambda reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: a callable started on a new thread runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: the lambda reads 'claims_storage' through 'list' here
  // CHECK-MESSAGES: :[[@LINE-45]]:36: note: 'list' reads 'claims_storage' here
  named.join();
}

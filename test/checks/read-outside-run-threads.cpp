// A callable started on a new thread runs with no scope, unless bind made it.
//
// RUN: %check_asyncctx --std=c++20 %s asyncctx-read-outside-run %t

#include "mock_store.h"
#include <future>
#include <pthread.h>
#include <thread>

mock::store<Claims> claims_storage;
int list() { return claims_storage.get_store()->user; }
void *start_routine(void *) {
  list();
  return nullptr;
}

ASYNCCTX_INVOCATION void handler(Claims c) {
  claims_storage.run(c, [] {
    std::thread bad_thread([] { list(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'list' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: a callable started on a new thread runs with no scope active
    // CHECK-MESSAGES: :[[@LINE-3]]:28: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-12]]:36: note: 'list' reads 'claims_storage' here
    std::jthread bad_jthread([] { claims_storage.get_store(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 'get_store' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: a callable started on a new thread runs with no scope active
    // CHECK-MESSAGES: :[[@LINE-3]]:30: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    auto bad_async = std::async(std::launch::async, [] { return list(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: 'list' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: a callable started on a new thread runs with no scope active
    // CHECK-MESSAGES: :[[@LINE-3]]:53: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-21]]:36: note: 'list' reads 'claims_storage' here
    pthread_t id;
    pthread_create(&id, nullptr, start_routine, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'start_routine' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: a callable started on a new thread runs with no scope active
    // CHECK-MESSAGES: :[[@LINE-24]]:3: note: 'start_routine' reads 'claims_storage' through 'list' here
    // CHECK-MESSAGES: :[[@LINE-27]]:36: note: 'list' reads 'claims_storage' here

    // bind carries the value to the other thread.
    std::thread good_bound(claims_storage.bind([] { list(); }));
    // The thread's own scope.
    std::thread good_own_scope([] { claims_storage.run(Claims{}, [] { list(); }); });
    // The value read here, in scope, and captured: the thread reads no store.
    int user = list();
    std::thread good_captured([user] { (void)user; });
  });
}

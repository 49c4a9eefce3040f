// Where the run() rewrite is safe comes from the same oracle the analysis
// uses (utils/Callables, utils/FunctionIndex): a named handler given to
// aws::lambda_runtime::run_handler, a lambda kept in a real std::function and
// then given to it, a lambda written at the call, and a named function
// started on a std::thread are entry points, and their enter_with gets the
// fix-it on the warning, whichever other asyncctx checks are on (the second
// RUN adds asyncctx-invocation-leak and expects the same fixes). A callable
// that something also calls directly is no entry point: that caller could
// read the value after it returns, so the rewrite goes on a note.
//
// RUN: %check_asyncctx --check-suffix=EW %s asyncctx-enter-with %t
// RUN: %check_asyncctx --check-suffix=EW,LEAK %s asyncctx-enter-with,asyncctx-invocation-leak %t.both

#include "mock_store.h"
#include "aws/lambda-runtime/runtime.h"
#include <functional>
#include <thread>

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

mock::store<Claims> claims_storage;
int read_user();

invocation_response good_named_handler(const invocation_request &request) {
  // CHECK-MESSAGES-EW: :[[@LINE+3]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES-LEAK: :[[@LINE+2]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'good_named_handler' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES-LEAK: :[[@LINE+3]]:3: note: 'good_named_handler' can end here with the value still current
  claims_storage.enter_with(Claims{1});
  read_user();
  return invocation_response::success("ok", "text/plain");
}
// CHECK-FIXES-EW: invocation_response good_named_handler(const invocation_request &request) {
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   return claims_storage.run(Claims{1}, [&]() -> invocation_response {
// CHECK-FIXES-EW-NEXT:     read_user();
// CHECK-FIXES-EW-NEXT:     return invocation_response::success("ok", "text/plain");
// CHECK-FIXES-EW-NEXT:   });
// CHECK-FIXES-EW-NEXT: }

void good_thread_worker() {
  // CHECK-MESSAGES-EW: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(Claims{2});
  read_user();
}
// CHECK-FIXES-EW: void good_thread_worker() {
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   claims_storage.run(Claims{2}, [&] {
// CHECK-FIXES-EW-NEXT:     read_user();
// CHECK-FIXES-EW-NEXT:   });
// CHECK-FIXES-EW-NEXT: }

void bad_worker_also_called() {
  // CHECK-MESSAGES-EW: :[[@LINE+2]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES-EW: :[[@LINE+1]]:18: note: rewrite into 'run' if no caller of 'bad_worker_also_called' reads store 'claims_storage' after it returns
  claims_storage.enter_with(Claims{3});
  read_user();
}
// CHECK-FIXES-EW: void bad_worker_also_called() {
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   claims_storage.enter_with(Claims{3});

invocation_response bad_handler_also_called(const invocation_request &request) {
  // CHECK-MESSAGES-EW: :[[@LINE+4]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES-EW: :[[@LINE+3]]:18: note: rewrite into 'run' if no caller of 'bad_handler_also_called' reads store 'claims_storage' after it returns
  // CHECK-MESSAGES-LEAK: :[[@LINE+2]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_handler_also_called' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES-LEAK: :[[@LINE+3]]:3: note: 'bad_handler_also_called' can end here with the value still current
  claims_storage.enter_with(Claims{4});
  read_user();
  return invocation_response::success("ok", "text/plain");
}
// CHECK-FIXES-EW: invocation_response bad_handler_also_called(const invocation_request &request) {
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   //
// CHECK-FIXES-EW-NEXT:   claims_storage.enter_with(Claims{4});

int main() {
  std::function<invocation_response(const invocation_request &)> good_stored =
      [](const invocation_request &request) {
        // CHECK-MESSAGES-EW: :[[@LINE+3]]:24: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
        // CHECK-MESSAGES-LEAK: :[[@LINE+2]]:24: warning: store 'claims_storage' can still hold the value 'enter_with' made current when the lambda ends [asyncctx-invocation-leak]
        // CHECK-MESSAGES-LEAK: :[[@LINE+3]]:9: note: the lambda can end here with the value still current
        claims_storage.enter_with(Claims{5});
        read_user();
        return invocation_response::success("ok", "text/plain");
      };
  // CHECK-FIXES-EW: {{^}}        return claims_storage.run(Claims{5}, [&] {
  // CHECK-FIXES-EW-NEXT:           read_user();
  // CHECK-FIXES-EW-NEXT:           return invocation_response::success("ok", "text/plain");
  // CHECK-FIXES-EW-NEXT:         });
  // CHECK-FIXES-EW-NEXT:       };
  std::thread worker(good_thread_worker);
  std::thread other(bad_worker_also_called);
  worker.join();
  other.join();
  bad_worker_also_called();
  bad_handler_also_called(invocation_request{"", ""});
  aws::lambda_runtime::run_handler(good_named_handler);
  aws::lambda_runtime::run_handler(bad_handler_also_called);
  aws::lambda_runtime::run_handler(good_stored);
  aws::lambda_runtime::run_handler([](const invocation_request &request) {
    // CHECK-MESSAGES-EW: :[[@LINE+3]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES-LEAK: :[[@LINE+2]]:20: warning: store 'claims_storage' can still hold the value 'enter_with' made current when the lambda ends [asyncctx-invocation-leak]
    // CHECK-MESSAGES-LEAK: :[[@LINE+3]]:5: note: the lambda can end here with the value still current
    claims_storage.enter_with(Claims{6});
    read_user();
    return invocation_response::success("ok", "text/plain");
  });
  // CHECK-FIXES-EW: {{^}}    return claims_storage.run(Claims{6}, [&] {
  // CHECK-FIXES-EW-NEXT:       read_user();
  // CHECK-FIXES-EW-NEXT:       return invocation_response::success("ok", "text/plain");
  // CHECK-FIXES-EW-NEXT:     });
  // CHECK-FIXES-EW-NEXT:   });
}

// asyncctx-invocation-leak, case 1: an enter_with after which some path ends
// the invocation without a disable of that store. An explicit `throw` ends
// the invocation like a return (a Lambda handler that throws has still
// ended); an exception thrown by a called function is not followed.
//
// Where the enter_with is in the invocation itself and the rewrite into run
// can end the leak, it is the fix (asyncctx-enter-with off, as here;
// with it on, that check offers the same fix).
//
// RUN: %check_asyncctx %s asyncctx-invocation-leak %t
// The same with the older run_handler(handler_t *) of aws-lambda-cpp:
// RUN: %check_asyncctx --compile-arg=-DASYNCCTX_TEST_RUNTIME_FUNCTION_POINTER %s asyncctx-invocation-leak %t.fp

#include "mock_store.h"
#include <aws/lambda-runtime/runtime.h>

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
bool flag();
void work();

ASYNCCTX_INVOCATION void bad_never_cleared(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_never_cleared' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'bad_never_cleared' can end here with the value still current
  work();
}

// CHECK-FIXES: ASYNCCTX_INVOCATION void bad_never_cleared(Claims c) {
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     work();
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

ASYNCCTX_INVOCATION void good_cleared(Claims c) {
  claims_storage.enter_with(c);
  work();
  claims_storage.disable();
}

ASYNCCTX_INVOCATION void bad_early_return(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_early_return' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'bad_early_return' can end here with the value still current
  if (flag())
    return;
  claims_storage.disable();
}

ASYNCCTX_INVOCATION void bad_throw(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_throw' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'bad_throw' can end here with the value still current
  if (flag())
    throw 1;
  claims_storage.disable();
}

// CHECK-FIXES: ASYNCCTX_INVOCATION void bad_throw(Claims c) {
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     if (flag())
// CHECK-FIXES-NEXT:       throw 1;
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

ASYNCCTX_INVOCATION void bad_other_store_cleared(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_other_store_cleared' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'bad_other_store_cleared' can end here with the value still current
  request_ids.disable();
}

ASYNCCTX_INVOCATION void bad_loop_left_with_value(Claims c) {
  for (int i = 0; i < 3; ++i) {
    claims_storage.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_loop_left_with_value' ends [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE+5]]:1: note: 'bad_loop_left_with_value' can end here with the value still current
    if (flag())
      break;
    claims_storage.disable();
  }
}

ASYNCCTX_INVOCATION void good_loop_clears_each_time(Claims c) {
  for (int i = 0; i < 3; ++i) {
    claims_storage.enter_with(c);
    work();
    claims_storage.disable();
  }
}

ASYNCCTX_INVOCATION void good_scoped(Claims c) {
  claims_storage.run(c, [] { work(); });
}

// Inside run, enter_with ends when run does: no leak.
ASYNCCTX_INVOCATION void good_enter_with_inside_run(Claims c) {
  claims_storage.run(c, [&] { request_ids.enter_with(c); });
}

// Through a helper the invocation calls.
void before(Claims c) { claims_storage.enter_with(c); }
// CHECK-MESSAGES: :[[@LINE-1]]:40: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_helper_enters' ends [asyncctx-invocation-leak]
// CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'bad_helper_enters' calls it here
// CHECK-MESSAGES: :[[@LINE+6]]:1: note: 'bad_helper_enters' can end here with the value still current
void after() { claims_storage.disable(); }

ASYNCCTX_INVOCATION void bad_helper_enters(Claims c) {
  before(c);
  work();
}

ASYNCCTX_INVOCATION void good_helper_enters_and_clears(Claims c) {
  before(c);
  work();
  after();
}

// Not an invocation: its callers decide (asyncctx-enter-with still warns).
void good_not_an_invocation(Claims c) {
  claims_storage.enter_with(c);
}

// The callable handed to aws::lambda_runtime::run_handler is an invocation.
invocation_response bad_handler(const invocation_request &request) {
  claims_storage.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'bad_handler' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'bad_handler' can end here with the value still current
  return invocation_response::success("ok", "text/plain");
}

// CHECK-FIXES: invocation_response bad_handler(const invocation_request &request) {
// CHECK-FIXES-NEXT:   return claims_storage.run(Claims{}, [&]() -> invocation_response {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     return invocation_response::success("ok", "text/plain");
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

int main() {
  aws::lambda_runtime::run_handler(bad_handler);
  aws::lambda_runtime::run_handler([](const invocation_request &request) {
    request_ids.enter_with(Claims{});
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: store 'request_ids' can still hold the value 'enter_with' made current when the lambda ends [asyncctx-invocation-leak]
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the lambda can end here with the value still current
    return invocation_response::success("ok", "text/plain");
  });
}
// CHECK-FIXES:   aws::lambda_runtime::run_handler([](const invocation_request &request) {
// CHECK-FIXES-NEXT:     return request_ids.run(Claims{}, [&] {
// CHECK-FIXES-NEXT:       //
// CHECK-FIXES-NEXT:       //
// CHECK-FIXES-NEXT:       return invocation_response::success("ok", "text/plain");
// CHECK-FIXES-NEXT:     });
// CHECK-FIXES-NEXT:   });

// Which functions are invocations: the global keys asyncctx.InvocationRunners
// (callables handed to them; the aws-lambda profile, on by default, adds
// aws::lambda_runtime::run_handler) and asyncctx.InvocationFunctions (by
// name). Names match through inline namespaces, and a leading '::' is
// allowed. Keys with the 'asyncctx.' prefix serve every asyncctx check.
//
// RUN: %check_asyncctx --check-suffix=CONFIGURED,LAMBDA %s asyncctx-invocation-leak %t.configured -- \
// RUN:   --config="{CheckOptions: {asyncctx.InvocationRunners: '::pool::submit', asyncctx.InvocationFunctions: 'jobs::process'}}"
// RUN: %check_asyncctx --check-suffix=FUNCTIONS,LAMBDA %s asyncctx-invocation-leak %t.functions -- \
// RUN:   --config="{CheckOptions: {asyncctx.InvocationFunctions: 'jobs::process'}}"
// RUN: %check_asyncctx --check-suffix=DEFAULT,LAMBDA %s asyncctx-invocation-leak %t.default
// RUN: %check_asyncctx --check-suffix=DEFAULT %s asyncctx-invocation-leak %t.off -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: '-aws-lambda'}}"

#include "aws/lambda-runtime/runtime.h"
#include "mock_store.h"

mock::store<Claims> claims_storage;
void work();

namespace pool {
inline namespace v2 {
template <class F> void submit(F task) { task(); }
} // namespace v2
} // namespace pool

namespace jobs {
void process(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'process' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE+4]]:1: note: 'process' can end here with the value still current
  // CHECK-MESSAGES-FUNCTIONS: :[[@LINE-3]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'process' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES-FUNCTIONS: :[[@LINE+2]]:1: note: 'process' can end here with the value still current
  work();
}
} // namespace jobs

void schedule() {
  pool::submit([] {
    claims_storage.enter_with(Claims{});
    // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:20: warning: store 'claims_storage' can still hold the value 'enter_with' made current when the lambda ends [asyncctx-invocation-leak]
    // CHECK-MESSAGES-CONFIGURED: :[[@LINE+2]]:3: note: the lambda can end here with the value still current
    work();
  });
}

// The aws-lambda profile's runner: on by default, off with '-aws-lambda'.
void lambda_main() {
  aws::lambda_runtime::run_handler([](aws::lambda_runtime::invocation_request const &) {
    claims_storage.enter_with(Claims{});
    // CHECK-MESSAGES-LAMBDA: :[[@LINE-1]]:20: warning: store 'claims_storage' can still hold the value 'enter_with' made current when the lambda ends [asyncctx-invocation-leak]
    // CHECK-MESSAGES-LAMBDA: :[[@LINE+2]]:5: note: the lambda can end here with the value still current
    work();
    return aws::lambda_runtime::invocation_response::success("", "");
  });
}

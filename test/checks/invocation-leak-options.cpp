// Which functions are invocations: InvocationRunners (callables handed to
// them; default aws::lambda_runtime::run_handler) and InvocationFunctions
// (by name). Names match through inline namespaces, and a leading '::' is
// allowed. The options are read from the check or, when the check does not
// set them, from the global options, so one setting serves every check.
//
// RUN: %check_asyncctx --check-suffix=CONFIGURED %s asyncctx-invocation-leak %t.configured -- \
// RUN:   --config="{CheckOptions: {asyncctx-invocation-leak.InvocationRunners: '::pool::submit;aws::lambda_runtime::run_handler', asyncctx-invocation-leak.InvocationFunctions: 'jobs::process'}}"
// RUN: %check_asyncctx --check-suffix=GLOBAL %s asyncctx-invocation-leak %t.global -- \
// RUN:   --config="{CheckOptions: {InvocationFunctions: 'jobs::process'}}"
// RUN: %check_asyncctx --check-suffix=DEFAULT %s asyncctx-invocation-leak %t.default

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
  // CHECK-MESSAGES-GLOBAL: :[[@LINE-3]]:18: warning: store 'claims_storage' can still hold the value 'enter_with' made current when 'process' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES-GLOBAL: :[[@LINE+2]]:1: note: 'process' can end here with the value still current
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

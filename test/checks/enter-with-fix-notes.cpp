// Rewrites that may change what a caller observes go on a note, applied only
// with --fix-notes: an enter_with in a helper (its callers may read the value
// after it returns), or in a nested block of an entry point (statements after
// the block may read it). A plain -fix leaves the file alone.
//
// RUN: %check_asyncctx %s asyncctx-enter-with %t -- --fix-notes
// RUN: cp %s %t.plain.cpp
// RUN: %asyncctx_tidy -fix -checks='-*,asyncctx-enter-with' --config={} %t.plain.cpp -- -std=c++17 -I%asyncctx_include -I%asyncctx_inputs
// RUN: diff %s %t.plain.cpp

#include "mock_store.h"

mock::store<Claims> claims_storage;
int read_user();
void log(const char *message);

void before_helper(Claims c) {
  // CHECK-MESSAGES: :[[@LINE+2]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:18: note: rewrite into 'run' if no caller of 'before_helper' reads store 'claims_storage' after it returns
  claims_storage.enter_with(c);
  log("helper");
}
// CHECK-FIXES: void before_helper(Claims c) {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     log("helper");
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

int compute(Claims c) {
  // CHECK-MESSAGES: :[[@LINE+2]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:18: note: rewrite into 'run' if no caller of 'compute' reads store 'claims_storage' after it returns
  claims_storage.enter_with(c);
  return read_user();
}
// CHECK-FIXES: int compute(Claims c) {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   return claims_storage.run(c, [&]() -> int {
// CHECK-FIXES-NEXT:     return read_user();
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

ASYNCCTX_INVOCATION void nested_block_of_an_invocation(Claims c) {
  if (read_user()) {
    // CHECK-MESSAGES: :[[@LINE+2]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE+1]]:20: note: rewrite into 'run' if nothing after this block reads store 'claims_storage'
    claims_storage.enter_with(c);
    log("inside");
  }
  log("after");
}
// CHECK-FIXES: ASYNCCTX_INVOCATION void nested_block_of_an_invocation(Claims c) {
// CHECK-FIXES-NEXT:   if (read_user()) {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:       log("inside");
// CHECK-FIXES-NEXT:     });
// CHECK-FIXES-NEXT:   }
// CHECK-FIXES-NEXT:   log("after");
// CHECK-FIXES-NEXT: }

void lambda_helper() {
  auto set = [](Claims c) {
    // CHECK-MESSAGES: :[[@LINE+2]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE+1]]:20: note: rewrite into 'run' if no caller of the lambda reads store 'claims_storage' after it returns
    claims_storage.enter_with(c);
    log("lambda");
  };
  set(Claims{});
}
// CHECK-FIXES: void lambda_helper() {
// CHECK-FIXES-NEXT:   auto set = [](Claims c) {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:       log("lambda");
// CHECK-FIXES-NEXT:     });
// CHECK-FIXES-NEXT:   };

// A template: one warning, one fix, however many instantiations.
template <class T> T templated(T value, Claims c) {
  // CHECK-MESSAGES: :[[@LINE+2]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:18: note: rewrite into 'run' if no caller of 'templated' reads store 'claims_storage' after it returns
  claims_storage.enter_with(c);
  return value;
}
// CHECK-FIXES: template <class T> T templated(T value, Claims c) {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   return claims_storage.run(c, [&]() -> T {
// CHECK-FIXES-NEXT:     return value;
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

void instantiate() {
  templated(1, Claims{});
  templated(2.0, Claims{});
}

// The rewrite goes through clang-tidy's --format-style like any fix: the
// lines it touched are formatted in the chosen style.
//
// RUN: %check_asyncctx %s asyncctx-enter-with %t -- --format-style=llvm

#include "mock_store.h"

mock::store<Claims> claims_storage;
void work(int);

ASYNCCTX_INVOCATION void handler(Claims c) {
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(c);
  for (int i = 0; i < 3; ++i) work(i);
  work(  1 );
}
// CHECK-FIXES: ASYNCCTX_INVOCATION void handler(Claims c) {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     for (int i = 0; i < 3; ++i)
// CHECK-FIXES-NEXT:       work(i);
// CHECK-FIXES-NEXT:     work(1);
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

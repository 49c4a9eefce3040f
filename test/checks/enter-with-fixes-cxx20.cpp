// C++20 lets a lambda capture a structured binding: the rewrite that C++17
// must refuse (see enter-with-no-fix.cpp) goes through here.
//
// RUN: %check_asyncctx --std=c++20 %s asyncctx-enter-with %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void log(const char *message);

struct Pair {
  int first;
  int second;
};
Pair make_pair();

ASYNCCTX_INVOCATION void bad_structured_binding(Claims c) {
  auto [user, scope] = make_pair();
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(c);
  log(user == scope ? "same" : "different");
}
// CHECK-FIXES: ASYNCCTX_INVOCATION void bad_structured_binding(Claims c) {
// CHECK-FIXES-NEXT:   auto [user, scope] = make_pair();
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     log(user == scope ? "same" : "different");
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

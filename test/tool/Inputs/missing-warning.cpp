#include "mock_store.h"
mock::store<Claims> s;
void f() {
  s.run(Claims{}, [] {});
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'run' is reported [asyncctx-enter-with]
}

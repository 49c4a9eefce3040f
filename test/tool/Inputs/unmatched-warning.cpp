#include "mock_store.h"
mock::store<Claims> s;
void f() {
  s.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'enter_with' makes a value current in store 's' with no scope; use 'run' instead [asyncctx-enter-with]
  s.enter_with(Claims{});
}

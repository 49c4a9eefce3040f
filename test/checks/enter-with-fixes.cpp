// Fix-its on the warning (applied by -fix): an enter_with in an entry point
// (an invocation, main, a thread's lambda) whose wrapped statements end the
// function or end at a disable. The runner compiles the fixed file and runs
// -fix again to show that nothing changes.
//
// RUN: %check_asyncctx %s asyncctx-enter-with %t

#include "mock_store.h"
#include <future>
#include <thread>

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
int read_user();
void log(const char *message);

ASYNCCTX_INVOCATION void bad_invocation_tail(Claims c) {
  log("start");
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(c);
  read_user();
  log("done");
}
// CHECK-FIXES: ASYNCCTX_INVOCATION void bad_invocation_tail(Claims c) {
// CHECK-FIXES-NEXT:   log("start");
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     read_user();
// CHECK-FIXES-NEXT:     log("done");
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

// A value-returning function returns run's result; the lambda's result type
// is spelled as the user wrote it.
using Response = int;
ASYNCCTX_INVOCATION Response bad_invocation_returns(Claims c) {
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(c);
  if (read_user() < 0)
    return -1;
  return read_user(); // the answer
}
// CHECK-FIXES: ASYNCCTX_INVOCATION Response bad_invocation_returns(Claims c) {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   return claims_storage.run(c, [&]() -> Response {
// CHECK-FIXES-NEXT:     if (read_user() < 0)
// CHECK-FIXES-NEXT:       return -1;
// CHECK-FIXES-NEXT:     return read_user(); // the answer
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

// In a void function the tail's `return;` leaves the lambda, then the
// function ends: the same as before.
ASYNCCTX_INVOCATION void bad_void_early_return(Claims c) {
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(c);
  if (read_user() == 0)
    return;
  log("user");
  return;
}
// CHECK-FIXES: ASYNCCTX_INVOCATION void bad_void_early_return(Claims c) {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     if (read_user() == 0)
// CHECK-FIXES-NEXT:       return;
// CHECK-FIXES-NEXT:     log("user");
// CHECK-FIXES-NEXT:     return;
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

// A later disable of the same store bounds the wrapped statements and goes;
// a comment between them stays; a disable of another store is not the bound.
ASYNCCTX_INVOCATION void bad_bounded_by_disable(Claims c) {
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(c);
  int user = read_user();
  request_ids.disable();
  log("claims set");
  // claims are cleared next
  claims_storage.disable();
  log("after");
}
// CHECK-FIXES: ASYNCCTX_INVOCATION void bad_bounded_by_disable(Claims c) {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:     int user = read_user();
// CHECK-FIXES-NEXT:     request_ids.disable();
// CHECK-FIXES-NEXT:     log("claims set");
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT:   // claims are cleared next
// CHECK-FIXES-NEXT:   log("after");
// CHECK-FIXES-NEXT: }

// Declarations before the call are captured by reference; loops and switches
// inside keep their own break and continue; a nested lambda keeps its return.
ASYNCCTX_INVOCATION int bad_captures_and_inner_control(Claims c) {
  int seen = 0;
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(c);
  for (int i = 0; i < 3; ++i) {
    if (i == 1)
      continue;
    switch (i) {
    case 2:
      ++seen;
      break;
    default:
      break;
    }
  }
  auto twice = [](int v) { return v * 2; };
  return twice(seen);
}
// CHECK-FIXES: ASYNCCTX_INVOCATION int bad_captures_and_inner_control(Claims c) {
// CHECK-FIXES-NEXT:   int seen = 0;
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   return claims_storage.run(c, [&]() -> int {
// CHECK-FIXES-NEXT:     for (int i = 0; i < 3; ++i) {
// CHECK-FIXES-NEXT:       if (i == 1)
// CHECK-FIXES-NEXT:         continue;
// CHECK-FIXES-NEXT:       switch (i) {
// CHECK-FIXES-NEXT:       case 2:
// CHECK-FIXES-NEXT:         ++seen;
// CHECK-FIXES-NEXT:         break;
// CHECK-FIXES-NEXT:       default:
// CHECK-FIXES-NEXT:         break;
// CHECK-FIXES-NEXT:       }
// CHECK-FIXES-NEXT:     }
// CHECK-FIXES-NEXT:     auto twice = [](int v) { return v * 2; };
// CHECK-FIXES-NEXT:     return twice(seen);
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

// The file's own indent unit is kept (four spaces here), and a multi-line
// string literal is not re-indented: its text would change.
ASYNCCTX_INVOCATION void bad_four_space_indent(Claims c) {
    // CHECK-MESSAGES: :[[@LINE+1]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    claims_storage.enter_with(c);
    log(R"(first
second)");
}
// CHECK-FIXES: ASYNCCTX_INVOCATION void bad_four_space_indent(Claims c) {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:         log(R"(first
// CHECK-FIXES-NEXT: second)");
// CHECK-FIXES-NEXT:     });
// CHECK-FIXES-NEXT: }

// A member function that is an invocation: `this` is captured by [&].
class Service {
public:
  ASYNCCTX_INVOCATION void bad_member_invocation(Claims c) {
    // CHECK-MESSAGES: :[[@LINE+1]]:12: warning: 'enter_with' makes a value current in store 'store_' with no scope; use 'run' instead [asyncctx-enter-with]
    store_.enter_with(c);
    count_ = read_user();
  }
  // CHECK-FIXES:   ASYNCCTX_INVOCATION void bad_member_invocation(Claims c) {
  // CHECK-FIXES-NEXT:     //
  // CHECK-FIXES-NEXT:     store_.run(c, [&] {
  // CHECK-FIXES-NEXT:       count_ = read_user();
  // CHECK-FIXES-NEXT:     });
  // CHECK-FIXES-NEXT:   }

private:
  mock::store<Claims> store_;
  int count_ = 0;
};

// A thread's lambda starts with no value current.
void starts_threads(Claims c) {
  std::thread worker([&] {
    // CHECK-MESSAGES: :[[@LINE+1]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    claims_storage.enter_with(c);
    log("in thread");
  });
  worker.join();
  auto result = std::async(std::launch::async, [&] {
    // CHECK-MESSAGES: :[[@LINE+1]]:17: warning: 'enter_with' makes a value current in store 'request_ids' with no scope; use 'run' instead [asyncctx-enter-with]
    request_ids.enter_with(c);
    return read_user();
  });
  result.get();
}
// CHECK-FIXES: void starts_threads(Claims c) {
// CHECK-FIXES-NEXT:   std::thread worker([&] {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT:       log("in thread");
// CHECK-FIXES-NEXT:     });
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT:   worker.join();
// CHECK-FIXES-NEXT:   auto result = std::async(std::launch::async, [&] {
// CHECK-FIXES-NEXT:     //
// CHECK-FIXES-NEXT:     return request_ids.run(c, [&] {
// CHECK-FIXES-NEXT:       return read_user();
// CHECK-FIXES-NEXT:     });
// CHECK-FIXES-NEXT:   });

// A conditional that the wrapped statements hold whole moves into the
// lambda; its directives stay at the start of their lines.
ASYNCCTX_INVOCATION void conditional_inside(Claims c) {
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(c);
#ifdef ASYNCCTX_TEST_TRACE
  log("trace");
#else
  log("no trace");
#endif
  read_user();
}
// CHECK-FIXES: ASYNCCTX_INVOCATION void conditional_inside(Claims c) {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   claims_storage.run(c, [&] {
// CHECK-FIXES-NEXT: #ifdef ASYNCCTX_TEST_TRACE
// CHECK-FIXES-NEXT:     log("trace");
// CHECK-FIXES-NEXT: #else
// CHECK-FIXES-NEXT:     log("no trace");
// CHECK-FIXES-NEXT: #endif
// CHECK-FIXES-NEXT:     read_user();
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

// main: with no return among the wrapped statements, its implicit
// `return 0;` still follows the call.
int main() {
  // CHECK-MESSAGES: :[[@LINE+1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  claims_storage.enter_with(Claims{});
  bad_invocation_tail(Claims{});
}
// CHECK-FIXES: int main() {
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   claims_storage.run(Claims{}, [&] {
// CHECK-FIXES-NEXT:     bad_invocation_tail(Claims{});
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

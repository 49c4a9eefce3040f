// No fix-it, and a note that says why, where moving the statements into a
// lambda would change their meaning. The enter_with calls are in invocations,
// where a fix would otherwise go on the warning; --fix-notes shows that no
// note carries a fix either (the runner checks that the file is unchanged).
//
// RUN: %check_asyncctx %s asyncctx-enter-with %t -- --fix-notes

#include "mock_store.h"

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
int read_user();
void log(const char *message);

ASYNCCTX_INVOCATION void bad_goto(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: no fix-it: the statements it would wrap contain 'goto'
  if (read_user() == 0)
    goto done;
  log("user");
done:
  log("end");
}

ASYNCCTX_INVOCATION void bad_label_only(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: no fix-it: the statements it would wrap contain a label
again:
  log("x");
}

ASYNCCTX_INVOCATION void bad_break_leaves(Claims c) {
  for (int i = 0; i < 3; ++i) {
    claims_storage.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE+2]]:7: note: no fix-it: 'break' would leave the lambda that 'run' calls
    if (read_user() == i)
      break;
    log("loop");
  }
}

ASYNCCTX_INVOCATION void bad_continue_leaves(Claims c) {
  while (read_user()) {
    claims_storage.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE+2]]:7: note: no fix-it: 'continue' would leave the lambda that 'run' calls
    if (read_user() == 2)
      continue;
    log("loop");
  }
}

ASYNCCTX_INVOCATION void bad_case_follows(Claims c, int kind) {
  switch (kind) {
  case 1:
    claims_storage.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE+2]]:3: note: no fix-it: 'case' label would be inside the lambda that 'run' calls
    log("one");
  case 2:
    log("two");
  }
}

ASYNCCTX_INVOCATION void bad_return_from_nested_block(Claims c) {
  if (read_user()) {
    claims_storage.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE+2]]:7: note: no fix-it: 'return' would return from the lambda that 'run' calls, not from 'bad_return_from_nested_block'
    if (read_user() == 2)
      return;
    log("nested");
  }
  log("after");
}

ASYNCCTX_INVOCATION void bad_func_name(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:7: note: no fix-it: '__func__' would name the lambda that 'run' calls
  log(__func__);
}

struct Pair {
  int first;
  int second;
};
Pair make_pair();

ASYNCCTX_INVOCATION void bad_structured_binding_before_cxx20(Claims c) {
  auto [user, scope] = make_pair();
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:7: note: no fix-it: structured binding 'user' cannot be captured by a lambda before C++20
  log(user == scope ? "same" : "different");
}

void log_user(int user);

ASYNCCTX_INVOCATION void bad_declared_inside_used_after(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+3]]:12: note: no fix-it: 'user' is declared in the statements it would wrap and used after the 'disable'
  int user = read_user();
  claims_storage.disable();
  log_user(user);
}

ASYNCCTX_INVOCATION void bad_nothing_between(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: no fix-it: no statement comes between it and the 'disable'
  claims_storage.disable();
  log("x");
}

// Two rewrites that would wrap each other: clang-tidy would apply one per
// run, so -fix would not settle. Neither gets a fix.
ASYNCCTX_INVOCATION void bad_two_in_one_block(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:15: note: no fix-it: the statements it would wrap contain another 'enter_with'; rewrite these calls by hand
  request_ids.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'enter_with' makes a value current in store 'request_ids' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: no fix-it: it is among the statements that the 'enter_with' here would wrap; rewrite these calls by hand
  log("both");
}

ASYNCCTX_INVOCATION void bad_enter_with_nested_in_region(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+2]]:17: note: no fix-it: the statements it would wrap contain another 'enter_with'; rewrite these calls by hand
  if (read_user()) {
    request_ids.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'enter_with' makes a value current in store 'request_ids' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE-6]]:18: note: no fix-it: it is among the statements that the 'enter_with' here would wrap; rewrite these calls by hand
    log("inner");
  }
}

#define LOG_AND_READ log("m"); read_user()

ASYNCCTX_INVOCATION void bad_region_ends_in_macro(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: no fix-it: the statements it would wrap begin or end inside a macro
  LOG_AND_READ;
}

// The lambda would open on one side of a conditional and close on the
// other: built the other way, it would not compile.
ASYNCCTX_INVOCATION void bad_conditional_closes_inside(Claims c) {
#ifndef ASYNCCTX_TEST_NO_CLAIMS
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: no fix-it: the statements it would wrap cross a preprocessor conditional ('#endif' here)
#endif
  read_user();
}

#define ASYNCCTX_TEST_AUDIT
ASYNCCTX_INVOCATION void bad_conditional_left_open(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  read_user();
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: no fix-it: the statements it would wrap cross a preprocessor conditional ('#ifdef' here)
#ifdef ASYNCCTX_TEST_AUDIT
  log("audit");
#endif
}

// A store whose enter_with returns a value that the caller uses.
class ASYNCCTX_STORE flag_store {
public:
  template <class F> ASYNCCTX_RUN void run(Claims c, F &&fn) { fn(); }
  ASYNCCTX_ENTER_WITH bool enter_with(Claims c) { return true; }
};
flag_store flags;

ASYNCCTX_INVOCATION void bad_result_used(Claims c) {
  bool entered = flags.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'enter_with' makes a value current in store 'flags' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: no fix-it: its result is used
  log(entered ? "entered" : "not entered");
}

// The middleware's before-hook: the value is meant for the caller.
void before(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

void bad_unbraced_if(Claims c) {
  if (read_user())
    claims_storage.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
  log("x");
}

int main() {
  claims_storage.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: no fix-it: 'main' can reach its end without 'return' after the statements it would wrap
  if (read_user())
    return 1;
  log("main");
}

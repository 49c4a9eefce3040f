// Exceptions: a `throw` leaves the function, and so does a call of a
// function of this file that may throw (it throws, or calls one that does,
// outside a try block). An invocation that leaves that way with an
// enter_with's value current leaks it; a try block that catches it, or a
// noexcept callee (the program ends instead), is no exit.
//
// RUN: %check_asyncctx %s asyncctx-invocation-leak %t

#include "asyncctx/context_store.h"

#include <stdexcept>
#include <string>

asyncctx::context_store<std::string> users;

void work();
void validate(const std::string &user) {
  if (user.empty())
    throw std::invalid_argument("no user");
}
void checked(const std::string &user) { validate(user); }
void safe(const std::string &user) {
  try {
    validate(user);
  } catch (...) {
  }
}
void never(const std::string &user) noexcept { validate(user); }

ASYNCCTX_INVOCATION void bad_throw_between(const std::string &user, bool bad) {
  users.enter_with(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: store 'users' can still hold the value 'enter_with' made current when 'bad_throw_between' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'bad_throw_between' can end here with the value still current
  if (bad)
    throw std::invalid_argument("bad request");
  users.disable();
}

ASYNCCTX_INVOCATION void bad_throwing_call(const std::string &user) {
  users.enter_with(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: store 'users' can still hold the value 'enter_with' made current when 'bad_throwing_call' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'bad_throwing_call' can end here with the value still current
  validate(user);
  users.disable();
}

ASYNCCTX_INVOCATION void bad_throwing_call_two_levels(const std::string &user) {
  users.enter_with(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: store 'users' can still hold the value 'enter_with' made current when 'bad_throwing_call_two_levels' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'bad_throwing_call_two_levels' can end here with the value still current
  checked(user);
  users.disable();
}

ASYNCCTX_INVOCATION void good_callee_catches(const std::string &user) {
  users.enter_with(user);
  safe(user);
  users.disable();
}

ASYNCCTX_INVOCATION void good_noexcept_callee(const std::string &user) {
  users.enter_with(user);
  never(user);
  users.disable();
}

ASYNCCTX_INVOCATION void good_caught_here(const std::string &user) {
  users.enter_with(user);
  try {
    validate(user);
  } catch (const std::invalid_argument &) {
  }
  users.disable();
}

ASYNCCTX_INVOCATION void good_run_restores(const std::string &user) {
  users.run(user, [&] { validate(user); });
}

ASYNCCTX_INVOCATION void good_throw_before_enter(const std::string &user) {
  validate(user);
  users.enter_with(user);
  work();
  users.disable();
}

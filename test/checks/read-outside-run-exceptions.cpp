// Exceptions: a catch handler runs after the try block's scopes have been
// unwound (a run restored the store, a guard's destructor ran), so it sees
// the state from before them; what an enter_with in the try block made
// current is still current there.
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t

#include "asyncctx/context_store.h"

#include <stdexcept>
#include <string>

asyncctx::context_store<std::string> users;

void work();
void log_line(const std::string &line);
std::string current_user() { return *users.get_store(); }

ASYNCCTX_INVOCATION void bad_catch_after_run(const std::string &user) {
  try {
    users.run(user, [] { work(); });
  } catch (const std::exception &) {
    log_line("failed for " + current_user());
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-6]]:26: note: invocation 'bad_catch_after_run' starts with no scope active
    // CHECK-MESSAGES: :[[@LINE-9]]:44: note: 'current_user' reads 'users' here
  }
}

ASYNCCTX_INVOCATION void good_catch_inside_run(const std::string &user) {
  users.run(user, [] {
    try {
      work();
    } catch (const std::exception &) {
      log_line("failed for " + current_user());
    }
  });
}

ASYNCCTX_INVOCATION void bad_catch_after_guard(const std::string &user) {
  try {
    asyncctx::scope<std::string> scope(users, user);
    work();
  } catch (...) {
    log_line("failed for " + current_user());
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-7]]:26: note: invocation 'bad_catch_after_guard' starts with no scope active
    // CHECK-MESSAGES: :[[@LINE-31]]:44: note: 'current_user' reads 'users' here
  }
}

ASYNCCTX_INVOCATION void good_guard_around_try(const std::string &user) {
  asyncctx::scope<std::string> scope(users, user);
  try {
    work();
  } catch (...) {
    log_line("failed for " + current_user());
  }
}

// A throw in the try block reaches the handler as a call that throws does.
ASYNCCTX_INVOCATION void bad_throw_in_guard(const std::string &user) {
  try {
    asyncctx::scope<std::string> scope(users, user);
    if (user.empty())
      throw std::invalid_argument("no user");
    work();
  } catch (const std::invalid_argument &) {
    log_line("rejected " + current_user());
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-9]]:26: note: invocation 'bad_throw_in_guard' starts with no scope active
    // CHECK-MESSAGES: :[[@LINE-55]]:44: note: 'current_user' reads 'users' here
  }
}

// An enter_with is no scope: nothing unwinds it. But the handler may run
// before it made anything current (the copy of its value may throw): it
// starts from the state before the try block too.
ASYNCCTX_INVOCATION void bad_enter_with_in_try(const std::string &user) {
  try {
    users.enter_with(user);
    work();
  } catch (...) {
    log_line("failed for " + current_user());
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'current_user' reads store 'users' where no scope is active on some paths [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-7]]:26: note: invocation 'bad_enter_with_in_try' starts with no scope active
    // CHECK-MESSAGES: :[[@LINE-70]]:44: note: 'current_user' reads 'users' here
  }
  users.disable();
}

// A helper's handler reads at its callers' state: here, in scope.
void helper_with_handler() {
  try {
    work();
  } catch (...) {
    log_line("failed for " + current_user());
  }
}

ASYNCCTX_INVOCATION void good_helper_called_in_scope(const std::string &user) {
  users.run(user, helper_with_handler);
}

int main() {
  helper_with_handler();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'helper_with_handler' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-12]]:30: note: 'helper_with_handler' reads 'users' through 'current_user' here
  // CHECK-MESSAGES: :[[@LINE-93]]:44: note: 'current_user' reads 'users' here
}

// Calls through what a function keeps locally: a generic lambda is analysed
// per instantiation, and a call through a local function pointer or
// std::function that holds one known function is a call of that function.
// One that is assigned again may hold another: the call is not followed
// (silence, an open question of which it holds).
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t

#include "asyncctx/context_store.h"

#include <functional>
#include <string>

asyncctx::context_store<std::string> users;

std::string current_user() { return *users.get_store(); }
void log_line(const std::string &line);
void audit() { log_line(current_user()); }
void quiet() {}

ASYNCCTX_INVOCATION void bad_generic_lambda(const std::string &prefix) {
  auto log_with = [](const auto &p) { log_line(p + current_user()); };
  log_with(prefix);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the lambda reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: invocation 'bad_generic_lambda' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-4]]:52: note: the lambda reads 'users' through 'current_user' here
  // CHECK-MESSAGES: :[[@LINE-11]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION void good_generic_lambda_in_run(const std::string &user) {
  auto log_with = [](const auto &p) { log_line(p + current_user()); };
  users.run(user, [&] { log_with(std::string("user: ")); });
}

ASYNCCTX_INVOCATION void good_generic_lambda_not_called(const std::string &prefix) {
  auto log_with = [](const auto &p) { log_line(p + current_user()); };
  (void)log_with;
}

int main() {
  void (*hook)() = &audit;
  hook();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'audit' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-27]]:25: note: 'audit' reads 'users' through 'current_user' here
  // CHECK-MESSAGES: :[[@LINE-30]]:44: note: 'current_user' reads 'users' here

  std::function<void()> later = audit;
  later();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'audit' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-11]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-34]]:25: note: 'audit' reads 'users' through 'current_user' here
  // CHECK-MESSAGES: :[[@LINE-37]]:44: note: 'current_user' reads 'users' here

  void (*either)() = &quiet;
  either = &audit;
  either();
}

ASYNCCTX_INVOCATION void good_pointer_in_run(const std::string &user) {
  void (*hook)() = audit;
  users.run(user, [&] { hook(); });
}

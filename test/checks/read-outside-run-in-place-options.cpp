// asyncctx.InPlaceFunctions: a library's function that calls its callable
// before it returns, named in .clang-tidy instead of annotated. Its body is
// not here (a function whose body is, a template of this file included, is
// followed into without any role). Without the key, a lambda handed to it is
// not known to run at all (silence).
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.InPlaceFunctions: 'retry::with_backoff'}}"
// RUN: %check_asyncctx --check-suffix=UNCONFIGURED %s asyncctx-read-outside-run %t.unconfigured

#include "asyncctx/context_store.h"

#include <string>

asyncctx::context_store<std::string> users;
std::string current_user() { return *users.get_store(); }
void send(const std::string &user);

namespace retry {
void with_backoff(int attempts, void (*fn)());
} // namespace retry

ASYNCCTX_INVOCATION void bad_retry_before_run() {
  retry::with_backoff(3, [] { send(current_user()); });
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: invocation 'bad_retry_before_run' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'with_backoff' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-12]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION void good_retry_inside_run(const std::string &user) {
  users.run(user, [] { retry::with_backoff(3, [] { send(current_user()); }); });
}

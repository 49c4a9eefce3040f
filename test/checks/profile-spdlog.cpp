// The spdlog profile: spdlog::mdc has no scoped form, so every put must be
// removed on every path; a put removed later in the same function is a
// manual scope.
//
// RUN: %check_asyncctx -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'spdlog', asyncctx.InvocationFunctions: 'handlers::good_put_remove;handlers::good_clear;handlers::bad_put;handlers::bad_early_return;handlers::bad_read;handlers::bad_cached'}}"
// RUN: %check_asyncctx --check-suffix=OFF -I %S/Inputs/profiles %s 'asyncctx-*' %t.off

#include <spdlog/mdc.h>

void log(const std::string &line);
void work();

namespace handlers {

void good_put_remove(const std::string &user) {
  spdlog::mdc::put("user", user);
  log(spdlog::mdc::get("user"));
  spdlog::mdc::remove("user");
}

void good_clear(const std::string &user) {
  spdlog::mdc::put("user", user);
  work();
  spdlog::mdc::clear();
}

void bad_put(const std::string &user) {
  spdlog::mdc::put("user", user);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'put' makes a value current in store 'spdlog::mdc' with no scope [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'spdlog::mdc' has no run() to rewrite into
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: store 'spdlog::mdc' can still hold the value 'put' made current when 'bad_put' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'bad_put' can end here with the value still current
  work();
}

void bad_early_return(const std::string &user, bool fast) {
  spdlog::mdc::put("user", user);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: store 'spdlog::mdc' can still hold the value 'put' made current when 'bad_early_return' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'bad_early_return' can end here with the value still current
  if (fast)
    return;
  spdlog::mdc::remove("user");
}

void bad_read() {
  log(spdlog::mdc::get("user"));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'get' reads store 'spdlog::mdc' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:6: note: invocation 'bad_read' starts with no scope active
}

void bad_cached(const std::string &user) {
  spdlog::mdc::put("user", user);
  static std::string first = spdlog::mdc::get("user");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a value read from store 'spdlog::mdc' is kept in 'first', which outlives the invocation [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: read here
  spdlog::mdc::remove("user");
}

} // namespace handlers

// The log4cxx profile: MDC and NDC objects are scope guards; MDC::put and
// NDC::push set with no scope, MDC::remove/clear and NDC::pop/clear end it.
// The same file runs against mock headers here and against Debian's real
// <log4cxx/mdc.h> in profile-log4cxx-real.test.
//
// RUN: %check_asyncctx -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'log4cxx', asyncctx.InvocationFunctions: 'handlers::good_mdc;handlers::good_ndc;handlers::good_put_remove;handlers::bad_put;handlers::bad_push;handlers::bad_early_return;handlers::bad_discarded;handlers::bad_cached'}}"
// RUN: %check_asyncctx --check-suffix=OFF -I %S/Inputs/profiles %s 'asyncctx-*' %t.off

#include <log4cxx/mdc.h>
#include <log4cxx/ndc.h>

void log(const std::string &line);
void work();

namespace handlers {

void good_mdc(const std::string &user) {
  log4cxx::MDC mdc("user", user);
  log(log4cxx::MDC::get("user"));
}

void good_ndc(const std::string &request) {
  log4cxx::NDC ndc(request);
  log(log4cxx::NDC::peek());
}

void good_put_remove(const std::string &user) {
  log4cxx::MDC::put("user", user);
  work();
  log4cxx::MDC::remove("user");
}

void bad_put(const std::string &user) {
  log4cxx::MDC::put("user", user);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'put' makes a value current in store 'log4cxx::MDC' with no scope; use a 'log4cxx::MDC' object instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'log4cxx::MDC' has no run() to rewrite into
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: store 'log4cxx::MDC' can still hold the value 'put' made current when 'bad_put' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'bad_put' can end here with the value still current
  log(log4cxx::MDC::get("user"));
}

void bad_push(const std::string &request) {
  log4cxx::NDC::push(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'push' makes a value current in store 'log4cxx::NDC' with no scope; use a 'log4cxx::NDC' object instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'log4cxx::NDC' has no run() to rewrite into
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: store 'log4cxx::NDC' can still hold the value 'push' made current when 'bad_push' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'bad_push' can end here with the value still current
  work();
}

void bad_early_return(const std::string &user, bool fast) {
  log4cxx::MDC::put("user", user);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: store 'log4cxx::MDC' can still hold the value 'put' made current when 'bad_early_return' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'bad_early_return' can end here with the value still current
  if (fast)
    return;
  work();
  log4cxx::MDC::clear();
}

void bad_discarded(const std::string &user) {
  log4cxx::MDC("user", user);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: temporary scope guard 'MDC' is destroyed at the end of this statement: its scope of store 'log4cxx::MDC' covers nothing [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep it in a local variable for as long as the scope should last
  log(log4cxx::MDC::get("user"));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'get' reads store 'log4cxx::MDC' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-6]]:6: note: invocation 'bad_discarded' starts with no scope active
}

void bad_cached() {
  log4cxx::MDC mdc("user", "someone");
  static std::string user = log4cxx::MDC::get("user");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a value read from store 'log4cxx::MDC' is kept in 'user', which outlives the invocation [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: read here
}

} // namespace handlers

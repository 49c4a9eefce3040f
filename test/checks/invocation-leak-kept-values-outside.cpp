// A value kept in static storage by code that runs only where no invocation
// is (`main`, and what only main calls: a warm-up before the first request)
// belongs to no request: not reported. What a function also called from an
// invocation keeps is.
//
// RUN: %check_asyncctx %s asyncctx-invocation-leak %t

#include "asyncctx/context_store.h"

#include <string>

asyncctx::context_store<std::string> users;
const std::string *snapshot_of_startup = nullptr;

static void warm_up() {
  static const std::string *at_start = users.get_store();
  snapshot_of_startup = users.get_store();
  (void)at_start;
}

static void remember_caller() {
  static const std::string *first = users.get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: a value read from store 'users' is kept in 'first', which outlives the invocation [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:43: note: read here
  (void)first;
}

ASYNCCTX_INVOCATION void handler() { remember_caller(); }

int main() {
  static const std::string *in_main = users.get_store();
  (void)in_main;
  warm_up();
  remember_caller();
}

// The folly profile: folly::RequestContext's unscoped setContext/create, its
// guards, the set-then-restore idiom, and get(), which never returns null
// (profile-folly-idioms.cpp has the other idioms of folly's own code).
//
// RUN: %check_asyncctx -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'folly', asyncctx.InvocationFunctions: 'handlers::good_guard;handlers::good_restore;handlers::good_restore_copy;handlers::good_saver;handlers::bad_set;handlers::bad_create;handlers::bad_discarded;handlers::bad_cached;handlers::null_test'}}"
// Without the profile, the same code says nothing.
// RUN: %check_asyncctx --check-suffix=OFF -I %S/Inputs/profiles %s 'asyncctx-*' %t.off

#include <folly/io/async/Request.h>

void work();
void use(folly::RequestContext *ctx);

namespace handlers {

void good_guard(std::shared_ptr<folly::RequestContext> ctx) {
  folly::RequestContextScopeGuard guard(std::move(ctx));
  use(folly::RequestContext::get());
}

void good_restore(std::shared_ptr<folly::RequestContext> ctx) {
  auto prev = folly::RequestContext::setContext(std::move(ctx));
  use(folly::RequestContext::get());
  folly::RequestContext::setContext(std::move(prev));
}

void good_restore_copy(std::shared_ptr<folly::RequestContext> ctx) {
  std::shared_ptr<folly::RequestContext> prev = folly::RequestContext::setContext(ctx);
  work();
  folly::RequestContext::setContext(prev);
}

void good_saver(std::shared_ptr<folly::RequestContext> ctx) {
  folly::RequestContextSaverScopeGuard saver;
  folly::RequestContext::setContext(ctx);
  use(folly::RequestContext::get());
}

void bad_set(std::shared_ptr<folly::RequestContext> ctx) {
  folly::RequestContext::setContext(ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'setContext' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: store 'folly::RequestContext' can still hold the value 'setContext' made current when 'bad_set' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'bad_set' can end here with the value still current
  use(folly::RequestContext::get());
}

void bad_create() {
  folly::RequestContext::create();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'create' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: store 'folly::RequestContext' can still hold the value 'create' made current when 'bad_create' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'bad_create' can end here with the value still current
  work();
}

void bad_discarded(std::shared_ptr<folly::RequestContext> ctx) {
  folly::RequestContextScopeGuard{ctx};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: temporary scope guard 'RequestContextScopeGuard' is destroyed at the end of this statement: its scope of store 'folly::RequestContext' covers nothing [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep it in a local variable for as long as the scope should last
  use(folly::RequestContext::try_get());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'try_get' reads store 'folly::RequestContext' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-6]]:6: note: invocation 'bad_discarded' starts with no scope active
}

void bad_cached() {
  folly::RequestContextScopeGuard guard;
  static auto cached = folly::RequestContext::saveContext();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: a value read from store 'folly::RequestContext' is kept in 'cached', which outlives the invocation [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: read here
}

void null_test() {
  folly::RequestContextScopeGuard guard;
  if (folly::RequestContext::get())
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'get' never returns null: with no scope active it returns a default, so this test cannot tell whether a scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: 'folly::RequestContext::try_get' returns null where no scope is active
    work();
  if (folly::RequestContext::get() != nullptr && folly::RequestContext::try_get())
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'get' never returns null: with no scope active it returns a default, so this test cannot tell whether a scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: 'folly::RequestContext::try_get' returns null where no scope is active
    work();
}

} // namespace handlers

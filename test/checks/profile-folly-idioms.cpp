// The folly profile on folly's own idioms (../shared/SPEC.md, "Libraries
// that cannot be annotated"): a manual restore (a snapshot or the previous
// context put back, also from SCOPE_EXIT, folly::makeGuard or a lambda in any
// RAII object) is a scope; setContext(nullptr) and its empty spellings clear;
// saveContext() is a snapshot, not a read; get() never returns null, so it is
// no defect outside a scope but every null test of it is. Each idiom's broken
// variant is reported.
//
// RUN: %check_asyncctx --std=c++17 -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'folly', asyncctx.InvocationFunctions: 'handlers::good_snapshot_restore;handlers::bad_snapshot_restore_skipped;handlers::good_scope_exit;handlers::good_make_guard;handlers::good_raii_lambda;handlers::bad_guard_restores_nothing;handlers::good_clear_nullptr;handlers::good_clear_braces;handlers::good_clear_empty;handlers::bad_clear_skipped;handlers::good_snapshot_unscoped;handlers::null_tests'}}"

#include <folly/ScopeGuard.h>
#include <folly/io/async/Request.h>

#include <cassert>
#include <functional>
#include <memory>
#include <thread>
#include <utility>

void work();
void use(folly::RequestContext *ctx);
void expect(bool ok);
folly::RequestContext *lookup();
#define EXPECT_TRUE(cond) expect(cond)

namespace handlers {

using folly::RequestContext;

// Manual restore: what saveContext() returned, put back.
void good_snapshot_restore(std::shared_ptr<RequestContext> ctx) {
  auto saved = RequestContext::saveContext();
  RequestContext::setContext(std::move(ctx));
  work();
  RequestContext::setContext(std::move(saved));
}

// A path that skips the explicit restore still leaks.
void bad_snapshot_restore_skipped(std::shared_ptr<RequestContext> ctx, bool fail) {
  auto saved = RequestContext::saveContext();
  RequestContext::setContext(std::move(ctx));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: store 'folly::RequestContext' can still hold the value 'setContext' made current when 'bad_snapshot_restore_skipped' ends [asyncctx-invocation-leak]
  if (fail)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'bad_snapshot_restore_skipped' can end here with the value still current
  RequestContext::setContext(std::move(saved));
}

// The restore in SCOPE_EXIT right after the set: every path restores.
void good_scope_exit(std::shared_ptr<RequestContext> ctx, bool early) {
  auto prev = RequestContext::setContext(std::move(ctx));
  SCOPE_EXIT { RequestContext::setContext(std::move(prev)); };
  if (early)
    return;
  work();
}

void good_make_guard(std::shared_ptr<RequestContext> ctx) {
  auto saved = RequestContext::saveContext();
  RequestContext::setContext(ctx);
  auto guard = folly::makeGuard([&] { RequestContext::setContext(saved); });
  work();
}

// Any RAII object that runs a lambda written into it when it goes.
class OnExit {
public:
  explicit OnExit(std::function<void()> fn) : fn_(std::move(fn)) {}
  ~OnExit() { fn_(); }

private:
  std::function<void()> fn_;
};

void good_raii_lambda(std::shared_ptr<RequestContext> ctx) {
  auto prev = RequestContext::setContext(std::move(ctx));
  OnExit restore([&] { RequestContext::setContext(std::move(prev)); });
  work();
}

// A scope-exit guard whose lambda restores nothing leaves the set unscoped.
void bad_guard_restores_nothing(std::shared_ptr<RequestContext> ctx) {
  auto saved = RequestContext::saveContext();
  auto guard = folly::makeGuard([] { work(); });
  RequestContext::setContext(std::move(ctx));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'setContext' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: store 'folly::RequestContext' can still hold the value 'setContext' made current when 'bad_guard_restores_nothing' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'bad_guard_restores_nothing' can end here with the value still current
  work();
}

// Clearing is not entering: a set of nothing plays DISABLE.
void good_clear_nullptr(std::shared_ptr<RequestContext> ctx) {
  RequestContext::setContext(std::move(ctx));
  work();
  RequestContext::setContext(nullptr);
}

void good_clear_braces(std::shared_ptr<RequestContext> ctx) {
  RequestContext::setContext(std::move(ctx));
  work();
  RequestContext::setContext({});
}

void good_clear_empty(std::shared_ptr<RequestContext> ctx) {
  RequestContext::setContext(std::move(ctx));
  work();
  const std::shared_ptr<RequestContext> none;
  RequestContext::setContext(none);
  RequestContext::setContext(std::shared_ptr<RequestContext>());
}

void bad_clear_skipped(std::shared_ptr<RequestContext> ctx, bool fail) {
  RequestContext::setContext(std::move(ctx));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: store 'folly::RequestContext' can still hold the value 'setContext' made current when 'bad_clear_skipped' ends [asyncctx-invocation-leak]
  if (fail)
    throw 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'bad_clear_skipped' can end here with the value still current
  RequestContext::setContext(nullptr);
}

// Snapshots are not reads: taken where no scope is active and re-installed
// by a guard on another thread, the propagation idiom.
void good_snapshot_unscoped() {
  auto ctx = RequestContext::saveContext();
  std::thread worker([ctx] {
    folly::RequestContextScopeGuard guard(ctx);
    use(RequestContext::try_get());
  });
  worker.join();
  use(RequestContext::try_get());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'try_get' reads store 'folly::RequestContext' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-9]]:6: note: invocation 'good_snapshot_unscoped' starts with no scope active
}

// get() never returns null: no defect where no scope is active, and a null
// test of it, however written, is always true or always false.
void null_tests() {
  use(RequestContext::get());
  bool a = !RequestContext::get();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'get' never returns null: with no scope active it returns a default, so this test cannot tell whether a scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'folly::RequestContext::try_get' returns null where no scope is active
  bool b = RequestContext::get() == nullptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'get' never returns null: with no scope active it returns a default, so this test cannot tell whether a scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'folly::RequestContext::try_get' returns null where no scope is active
  EXPECT_TRUE(nullptr != RequestContext::get());
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'get' never returns null: with no scope active it returns a default, so this test cannot tell whether a scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: 'folly::RequestContext::try_get' returns null where no scope is active
  assert(RequestContext::get());
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'get' never returns null: with no scope active it returns a default, so this test cannot tell whether a scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'folly::RequestContext::try_get' returns null where no scope is active
  RequestContext *ctx = RequestContext::get();
  if (!ctx || a || b)
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'ctx' is never null: it holds what 'get' returned, which with no scope active is a default, so this test cannot tell whether a scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'folly::RequestContext::try_get' returns null where no scope is active
    work();
  // A variable assigned again may hold something else: not followed.
  RequestContext *other = RequestContext::get();
  other = lookup();
  if (other != nullptr)
    work();
}

} // namespace handlers

// A snapshot in main is no read; get() in main returns the default context.
int main() {
  auto root = folly::RequestContext::saveContext();
  use(folly::RequestContext::get());
  std::thread([root] { folly::RequestContextScopeGuard guard(root); work(); }).join();
}

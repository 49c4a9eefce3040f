// The folly profile on coroutines: folly::coro::co_viaIfAsync gives an
// awaitable that puts the RequestContext back when the coroutine resumes, so
// a context held across it is not reported, even in a coroutine whose task
// type does not carry it (folly's own TaskTest,
// RequestContextSideEffectsArePreserved, does this in an InlineTask). The
// same wait without co_viaIfAsync is reported.
//
// RUN: %check_asyncctx --std=c++20 -I %S/Inputs/profiles %s asyncctx-suspend-in-scope %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'folly'}}"
// Without the profile (the store configured by hand), co_viaIfAsync's
// awaitable is not known to carry the context.
// RUN: %check_asyncctx --std=c++20 --check-suffix=OFF -I %S/Inputs/profiles %s asyncctx-suspend-in-scope %t.off -- \
// RUN:   --config="{CheckOptions: {asyncctx.Stores: 'folly::RequestContext', asyncctx.EnterWithFunctions: 'folly::RequestContext::create', asyncctx.ReadFunctions: 'folly::RequestContext::get'}}"

#include <folly/coro/Baton.h>
#include <folly/coro/ViaIfAsync.h>
#include <folly/coro/detail/InlineTask.h>
#include <folly/executors/InlineExecutor.h>
#include <folly/io/async/Request.h>

folly::coro::detail::InlineTask<void> good_via_if_async(folly::coro::Baton &baton) {
  folly::RequestContext::create();
  co_await folly::coro::co_viaIfAsync(&folly::InlineExecutor::instance(), baton);
  // CHECK-MESSAGES-OFF: :[[@LINE-1]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'folly::RequestContext' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES-OFF: :[[@LINE-3]]:3: note: 'create' made a value current in store 'folly::RequestContext' here
  // CHECK-MESSAGES-OFF: :[[@LINE-3]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  folly::RequestContext::get();
  co_return;
}

folly::coro::detail::InlineTask<void> bad_plain_await(folly::coro::Baton &baton) {
  folly::RequestContext::create();
  co_await baton;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'folly::RequestContext' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'create' made a value current in store 'folly::RequestContext' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  // CHECK-MESSAGES-OFF: :[[@LINE-4]]:3: warning: 'co_await' suspends the coroutine while the scope of store 'folly::RequestContext' it opened is active: the value stays with this thread while it waits, and is gone where it resumes [asyncctx-suspend-in-scope]
  // CHECK-MESSAGES-OFF: :[[@LINE-6]]:3: note: 'create' made a value current in store 'folly::RequestContext' here
  // CHECK-MESSAGES-OFF: :[[@LINE-6]]:3: note: close the scope before the suspension and open it again after it, or return a task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)
  co_return;
}

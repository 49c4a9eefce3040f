// The folly profile: sets of one function that replace one another are one
// chain, undone where any of them is. Folly's tests write
// `create(); ...; create(); ...; setContext(nullptr)` and a swap loop
// `ctx = setContext(std::move(ctx))` between a set and a clear; the function
// puts back what was there before it, so neither set is reported (found on
// folly/io/async/test/RequestContextTest.cpp and RequestContextBenchmark.cpp,
// docs/real-code.md). A chain that nothing undoes is reported at each set;
// a set after the chain was undone starts a chain of its own.
//
// RUN: %check_asyncctx --std=c++17 -I %S/Inputs/profiles %s asyncctx-enter-with %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'folly'}}"

#include <folly/io/async/Request.h>

#include <memory>
#include <stdexcept>
#include <utility>

using folly::RequestContext;

int parse(int x) {
  if (x < 0)
    throw std::invalid_argument("negative");
  return x;
}

void good_two_creates_then_clear() {
  RequestContext::create();
  parse(1);
  RequestContext::create();
  RequestContext::setContext(nullptr);
}

void good_swap_loop(int n) {
  auto ctx = std::make_shared<RequestContext>();
  RequestContext::setContext(std::move(ctx));
  ctx = std::make_shared<RequestContext>();
  for (int i = 0; i < n; ++i) {
    ctx = RequestContext::setContext(std::move(ctx));
  }
  RequestContext::setContext(nullptr);
}

void bad_two_creates_never_undone() {
  RequestContext::create();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'create' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
  RequestContext::create();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'create' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
}

void bad_set_after_clear() {
  RequestContext::create();
  RequestContext::setContext(nullptr);
  RequestContext::create();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'create' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
}

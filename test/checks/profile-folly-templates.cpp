// Templates: a call whose callee is known without instantiation (only its
// arguments are type-dependent; folly's two setContext overloads play one
// role) is checked in a template that is never instantiated. Its manual
// restore, and a guard that restores, are recognised there too; an
// instantiated template is reported once, from its instantiation.
//
// RUN: %check_asyncctx --std=c++17 -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'folly'}}"

#include <folly/io/async/Request.h>

#include <memory>
#include <utility>

template <class T> std::shared_ptr<folly::RequestContext> contextFor(const T &request);
void work();

template <class Request> void bad_never_instantiated(const Request &request) {
  folly::RequestContext::setContext(contextFor(request));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'setContext' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
  work();
}

template <class Request> void good_restored(const Request &request) {
  auto prev = folly::RequestContext::setContext(contextFor(request));
  work();
  folly::RequestContext::setContext(std::move(prev));
}

template <class Request> void good_cleared(const Request &request) {
  folly::RequestContext::setContext(contextFor(request));
  work();
  folly::RequestContext::setContext(nullptr);
}

template <class Request> void good_saver(const Request &request) {
  folly::RequestContextSaverScopeGuard saver;
  folly::RequestContext::setContext(contextFor(request));
  work();
}

template <class Request> void bad_instantiated(const Request &request) {
  folly::RequestContext::setContext(contextFor(request));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'setContext' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
}

void caller() {
  bad_instantiated(1);
  bad_instantiated(2.0);
}

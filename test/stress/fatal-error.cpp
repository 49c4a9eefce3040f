// After a fatal error (here a missing include, as in a folly file analysed
// without its generated folly-config.h) the checks report nothing: the
// fatal error is the only diagnostic, as it is the compiler's (issue 28).
//
// Clang goes on parsing after a fatal error, but instantiates no more
// templates: a member of a class template specialization has an incomplete
// type (its class is invalid, and a CFG of its out-of-line destructor
// crashed in clang::CFG::buildCFG), and a function template called with new
// arguments has no body, so what it does to a store is lost (a read after
// it was reported where a scope is active).
//
// RUN: %check_asyncctx --no-compile %s 'asyncctx-*' %t

#include "does_not_exist.h"
// CHECK-MESSAGES: :[[@LINE-1]]:10: error: 'does_not_exist.h' file not found [clang-diagnostic-error]
#include "asyncctx/annotations.h"

struct Claims {
  int user = 0;
};

// Not a template, so its calls are still resolved after the fatal error.
struct ASYNCCTX_STORE claims_store {
  ASYNCCTX_READ Claims *get_store() const noexcept;
  ASYNCCTX_ENTER_WITH void enter_with(Claims value);
  ASYNCCTX_DISABLE void disable() noexcept;
};
claims_store claims_storage;

template <class T> struct callback_list {
  ~callback_list() {}
  T *head = nullptr;
};

struct event_loop {
  callback_list<int> on_destruction;
  ~event_loop();
};

event_loop::~event_loop() { claims_storage.disable(); }

template <class T> void enter(T value) { claims_storage.enter_with(value); }

ASYNCCTX_INVOCATION int handler(Claims c) {
  enter(c);
  int user = claims_storage.get_store()->user;
  claims_storage.disable();
  return user;
}

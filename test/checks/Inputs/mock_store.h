// A minimal annotated context store for the check tests: the API shape of
// include/asyncctx/context_store.h without its implementation or any standard
// header, so that the tests depend on nothing but the annotations.
#ifndef ASYNCCTX_TEST_MOCK_STORE_H
#define ASYNCCTX_TEST_MOCK_STORE_H

#include "asyncctx/annotations.h"

namespace mock {

template <class T> class ASYNCCTX_STORE store {
public:
  template <class F, class... A>
  ASYNCCTX_RUN decltype(auto) run(T value, F &&fn, A &&...args) { return fn(args...); }
  template <class F, class... A>
  ASYNCCTX_EXIT decltype(auto) exit(F &&fn, A &&...args) { return fn(args...); }
  ASYNCCTX_READ T *get_store() const noexcept { return nullptr; }
  ASYNCCTX_ENTER_WITH void enter_with(T value) {}
  ASYNCCTX_DISABLE void disable() noexcept {}
  template <class F> ASYNCCTX_BIND F bind(F fn) const { return fn; }
};

template <class T> class ASYNCCTX_SCOPE_GUARD scope {
public:
  scope(store<T> &s, T value) {}
  ~scope() {}
};

} // namespace mock

struct Claims {
  int user = 0;
};

#endif // ASYNCCTX_TEST_MOCK_STORE_H

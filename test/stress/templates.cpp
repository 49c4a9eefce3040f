// Templates: role calls through dependent stores, CRTP, templates never
// instantiated, specializations, variadic forwarding. All scoped: no
// diagnostic expected.
//
// RUN: %check_asyncctx %s 'asyncctx-*' %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void use(Claims *c);

template <class Store> void read_in(Store &store, Claims c) {
  store.run(c, [&] { use(store.get_store()); });
}

template <class Derived> struct Handler {
  void handle(Claims c) {
    claims_storage.run(c, [&] { static_cast<Derived *>(this)->body(); });
  }
};
struct Login : Handler<Login> {
  void body() { use(claims_storage.get_store()); }
};

template <class T> struct NeverUsed {
  void f(mock::store<T> &s, T v) { s.run(v, [&] { s.get_store(); }); }
  void g(T v) { typename T::missing m; }
};

template <class T> struct Box;
template <> struct Box<int> {
  static void run_with(Claims c) { claims_storage.run(c, [] { use(claims_storage.get_store()); }); }
};

template <class... Args> void forward_all(Claims c, Args &&...args) {
  claims_storage.run(c, [&](auto &&...inner) { (((void)inner, use(claims_storage.get_store())), ...); }, args...);
}

template <int N> void recurse(Claims c) {
  if constexpr (N > 0)
    recurse<N - 1>(c);
  else
    claims_storage.run(c, [] { use(claims_storage.get_store()); });
}

ASYNCCTX_INVOCATION void entry(Claims c) {
  read_in(claims_storage, c);
  Login().handle(c);
  Box<int>::run_with(c);
  forward_all(c, 1, 2.0, "three");
  recurse<8>(c);
}

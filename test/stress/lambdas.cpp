// Deeply nested lambdas, generic lambdas, lambdas stored and called later,
// immediately invoked ones, and captures of the store by reference. All
// scoped: no diagnostic expected.
//
// RUN: %check_asyncctx %s 'asyncctx-*' %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void use(Claims *c);

ASYNCCTX_INVOCATION void entry(Claims c) {
  auto &store = claims_storage;
  store.run(c, [&] {
    [&] {
      [&] {
        [&](auto x) {
          [&] { [&] { use(store.get_store()); }(); }();
        }(1);
      }();
    }();
  });
  auto later = [&] { use(claims_storage.get_store()); };
  claims_storage.run(c, later);
  claims_storage.run(c, [&] {
    auto nested = [&] { return [&] { use(claims_storage.get_store()); }; };
    nested()();
  });
  claims_storage.run(c, [&] { auto bound = claims_storage.bind([] { use(claims_storage.get_store()); }); bound(); });
}

// Control flow the CFG must follow: goto, switch fall-through, loops with
// break/continue, try/catch/throw, noexcept, constexpr and consteval
// functions, a guard per branch. All scoped: no diagnostic expected.
//
// RUN: %check_asyncctx --std=c++20 %s 'asyncctx-*' %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void use(Claims *c);
void may_throw();

constexpr int square(int x) { return x * x; }
consteval int cube(int x) { return x * x * x; }

ASYNCCTX_INVOCATION void with_goto(Claims c, int n) {
  mock::scope<Claims> guard(claims_storage, c);
again:
  use(claims_storage.get_store());
  if (--n > 0)
    goto again;
}

ASYNCCTX_INVOCATION void with_switch(Claims c, int kind) {
  claims_storage.run(c, [&] {
    switch (kind) {
    case 0:
      use(claims_storage.get_store());
      [[fallthrough]];
    case 1:
      use(claims_storage.get_store());
      break;
    default:
      for (int i = 0; i < square(kind); ++i) {
        if (i == cube(2))
          break;
        if (i % 2)
          continue;
        use(claims_storage.get_store());
      }
    }
  });
}

ASYNCCTX_INVOCATION void with_exceptions(Claims c) noexcept {
  try {
    claims_storage.run(c, [&] {
      may_throw();
      use(claims_storage.get_store());
    });
  } catch (const int &code) {
    claims_storage.run(c, [] { use(claims_storage.get_store()); });
  } catch (...) {
  }
}

ASYNCCTX_INVOCATION void enter_and_clear_on_every_path(Claims c, bool early) {
  claims_storage.enter_with(c); // NOLINT(asyncctx-enter-with): cleared on every path below
  if (early) {
    claims_storage.disable();
    return;
  }
  use(claims_storage.get_store());
  claims_storage.disable();
}

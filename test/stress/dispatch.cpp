// Calls the analysis cannot follow, and cycles it must end: virtual calls,
// function pointers, member pointers, std::function, recursion and mutual
// recursion. All scoped or of unknown context: no diagnostic expected.
//
// RUN: %check_asyncctx %s 'asyncctx-*' %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void use(Claims *c);

struct Base {
  virtual ~Base() = default;
  virtual void step() = 0;
};
struct Reader : Base {
  void step() override { use(claims_storage.get_store()); }
};

void read_it() { use(claims_storage.get_store()); }
using Fn = void (*)();
Fn table[] = {read_it, read_it};

struct Holder {
  void read() { use(claims_storage.get_store()); }
};

void even(int n, Claims c);
void odd(int n, Claims c) {
  if (n > 0)
    even(n - 1, c);
  else
    claims_storage.run(c, [] { use(claims_storage.get_store()); });
}
void even(int n, Claims c) {
  if (n > 0)
    odd(n - 1, c);
}

int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }

ASYNCCTX_INVOCATION void entry(Claims c, Base &b, int which) {
  claims_storage.run(c, [&] {
    b.step();
    table[which]();
    void (Holder::*member)() = &Holder::read;
    Holder h;
    (h.*member)();
  });
  odd(depth(which), c);
}

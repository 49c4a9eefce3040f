#include "asyncctx/context_store.h"

struct Claims { int user; };
asyncctx::context_store<Claims> store;

void before(Claims c) {
  store.enter_with(c);
}

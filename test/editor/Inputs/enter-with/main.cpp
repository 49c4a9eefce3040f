// Opened in asyncctx-clangd by lsp-enter-with.test. main is an entry point
// and the enter_with's statements end it, so the run() rewrite is the
// warning's own fix: the editor offers it as a quick fix.
#include "asyncctx/context_store.h"

struct Claims {
  int user;
};

asyncctx::context_store<Claims> claims_storage;

int read_user() {
  const auto *claims = claims_storage.get_store();
  return claims ? claims->user : -1;
}

int main() {
  claims_storage.enter_with(Claims{7});
  if (read_user() != 7)
    return 1;
  return 0;
}

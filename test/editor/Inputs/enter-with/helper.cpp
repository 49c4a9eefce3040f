// Opened in asyncctx-clangd by lsp-note-fix.test. helper is not an entry
// point: the run() rewrite is right only if no caller reads the store after
// helper returns, so it is a note's fix, and the editor's quick fix says so.
#include "asyncctx/context_store.h"

struct Claims {
  int user;
};

asyncctx::context_store<Claims> claims_storage;

int read_user() {
  const Claims *claims = claims_storage.get_store();
  return claims ? claims->user : -1;
}

int helper() {
  claims_storage.enter_with(Claims{7});
  return read_user();
}

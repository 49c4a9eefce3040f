// Input of sarif.test: fix-its on a warning and on a note, on lines with
// characters beyond ASCII (SARIF columns count code points, not bytes).
#include "asyncctx/context_store.h"

#include <string>

struct Claims {
  std::string user;
};

asyncctx::context_store<Claims> claims_storage;

int greet() {
  const Claims *claims = claims_storage.get_store();
  return claims && claims->user == "Zoë" ? 0 : 1;
}

// Not an entry point: the rewrite is offered on a note, for --fix-notes.
int helper() {
  /* «set» */ claims_storage.enter_with(Claims{"Zoë"});
  return greet();
}

int main() {
  std::string name = "Zoë"; claims_storage.enter_with(Claims{name});
  return greet();
}

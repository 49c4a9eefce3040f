#include "claims.h"

asyncctx::context_store<Claims> claims_storage;

void before(const std::string &payload) {
  claims_storage.enter_with(Claims{payload});
}

void after() { claims_storage.disable(); }

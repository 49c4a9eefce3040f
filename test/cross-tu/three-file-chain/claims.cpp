#include "claims.h"
#include <stdexcept>

asyncctx::context_store<Claims> claims_storage;

const Claims &use_claims() {
  const Claims *claims = claims_storage.get_store();
  if (!claims)
    throw std::runtime_error("invalid claims");
  return *claims;
}

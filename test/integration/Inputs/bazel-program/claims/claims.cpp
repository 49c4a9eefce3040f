#include "claims/claims.h"

#include <stdexcept>

asyncctx::context_store<Claims> claims_storage;

// No claims means a broken request.
const Claims &use_claims() {
  const Claims *claims = claims_storage.get_store();
  if (!claims)
    throw std::runtime_error("invalid claims");
  return *claims;
}

std::string list_items() { return "items of " + use_claims().user; }

std::string current_user() { return use_claims().user; }

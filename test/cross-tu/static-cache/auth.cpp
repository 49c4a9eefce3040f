#include "claims.h"

asyncctx::context_store<Claims> claims_storage;

std::string current_user() {
  const Claims *claims = claims_storage.get_store();
  return claims ? claims->user : "anonymous";
}

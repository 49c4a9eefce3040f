#include "claims.h"

asyncctx::context_store<Claims> claims_storage;

void refresh_profile() {
  std::string user = claims_storage.get_store()->user;
  (void)user;
}

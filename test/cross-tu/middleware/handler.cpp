// The handler enters the claims through the middleware's hook, and clears
// them after; but its early return skips the clearing, and the next
// request on this thread starts with this one's claims.
#include "claims.h"

std::string handle(const std::string &payload) {
  before(payload);
  if (payload.empty()) {
#ifdef FIXED
    after();
#endif
    return "nobody";
  }
  std::string user = claims_storage.get_store()->user;
  after();
  return user;
}

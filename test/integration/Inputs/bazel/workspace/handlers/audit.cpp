#include "context/context.h"
#include "handlers/handlers.h"

namespace shop {
// The user of whichever request came first, for every later one.
std::string audit_user() {
  static const std::string user = claims_storage.get_store()->user;
  return user;
}
} // namespace shop

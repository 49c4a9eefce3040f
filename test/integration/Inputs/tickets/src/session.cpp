#include "tickets/context.h"

namespace tickets {
// The user of whichever request came first, for every later one.
std::string session_user() {
  static const std::string user = claims_storage.get_store()->user;
  return user;
}
} // namespace tickets

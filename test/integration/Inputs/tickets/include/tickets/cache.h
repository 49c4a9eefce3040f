#ifndef TICKETS_CACHE_H
#define TICKETS_CACHE_H
#include "tickets/context.h"

namespace tickets {
// The first caller's user, kept for the life of the process.
inline const std::string &cached_user() {
  static const std::string user = claims_storage.get_store()->user;
  return user;
}
} // namespace tickets

#endif

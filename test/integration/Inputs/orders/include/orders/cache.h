#ifndef ORDERS_CACHE_H
#define ORDERS_CACHE_H
#include "orders/context.h"

namespace orders {
// The first caller's user, kept for the life of the process.
inline const std::string &cached_user() {
  static const std::string user = claims_storage.get_store()->user;
  return user;
}
} // namespace orders

#endif

#ifndef ORDERS_CONTEXT_H
#define ORDERS_CONTEXT_H
#include "asyncctx/context_store.h"

#include <string>

namespace orders {
struct Claims {
  std::string user;
};

inline asyncctx::context_store<Claims> claims_storage;

std::string audit_user();
std::string format_order(int id);
} // namespace orders

#endif

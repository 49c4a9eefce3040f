#ifndef SHOP_CONTEXT_H
#define SHOP_CONTEXT_H
#include "asyncctx/context_store.h"

#include <string>

namespace shop {
struct Claims {
  std::string user;
};

inline asyncctx::context_store<Claims> claims_storage;

std::string current_user();
} // namespace shop

#endif

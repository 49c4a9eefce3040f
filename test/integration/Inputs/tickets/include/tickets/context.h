#ifndef TICKETS_CONTEXT_H
#define TICKETS_CONTEXT_H
#include "asyncctx/context_store.h"

#include <string>

namespace tickets {
struct Claims {
  std::string user;
};

inline asyncctx::context_store<Claims> claims_storage;

std::string session_user();
std::string legacy_user();
} // namespace tickets

#endif

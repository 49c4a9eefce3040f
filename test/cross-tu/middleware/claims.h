// The claims store, the middleware's hooks (middleware.cpp) and the
// handler (handler.cpp), an invocation.
#pragma once
#include "asyncctx/annotations.h"
#include "asyncctx/context_store.h"
#include <string>

struct Claims {
  std::string user;
};
extern asyncctx::context_store<Claims> claims_storage;

void before(const std::string &payload); // enters the claims
void after();                            // clears them
ASYNCCTX_INVOCATION std::string handle(const std::string &payload);

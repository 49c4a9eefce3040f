#pragma once
#include "asyncctx/context_store.h"
#include <string>

struct Claims {
  std::string user;
};
extern asyncctx::context_store<Claims> claims_storage;

void refresh_profile(); // worker.cpp

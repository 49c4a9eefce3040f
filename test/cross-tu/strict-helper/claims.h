#pragma once
#include "asyncctx/annotations.h"
#include "asyncctx/context_store.h"
#include <string>

struct Claims {
  std::string user;
};
extern asyncctx::context_store<Claims> claims_storage;

std::string greeting(); // greeting.cpp: reads the claims

// The claims store and the functions of the program's files that use it.
#pragma once
#include "asyncctx/context_store.h"
#include <string>

struct Claims {
  std::string user;
};
extern asyncctx::context_store<Claims> claims_storage;

const Claims &use_claims(); // claims.cpp
std::string list_items();   // list.cpp

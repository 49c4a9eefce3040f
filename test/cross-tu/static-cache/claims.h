#pragma once
#include "asyncctx/context_store.h"
#include <string>

struct Claims {
  std::string user;
};
extern asyncctx::context_store<Claims> claims_storage;

std::string current_user();      // auth.cpp
const std::string &audit_user(); // audit.cpp

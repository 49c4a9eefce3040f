// The claims of the request being served, and the helpers that read them.
#pragma once
#include "asyncctx/context_store.h"

#include <string>

struct Claims {
  std::string user;
};

extern asyncctx::context_store<Claims> claims_storage;

const Claims &use_claims();
std::string list_items();
std::string current_user();

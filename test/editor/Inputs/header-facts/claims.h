// The claims store, and helpers defined in the header: clangd parses this
// file into the preamble of every file that includes it first.
#pragma once
#include "asyncctx/context_store.h"
#include <aws/lambda-runtime/runtime.h>
#include <stdexcept>
#include <string>

struct Claims {
  std::string user;
};
extern asyncctx::context_store<Claims> claims_storage;

inline const Claims &use_claims() {
  const Claims *claims = claims_storage.get_store();
  if (!claims)
    throw std::runtime_error("invalid claims");
  return *claims;
}

inline std::string list_items() { return "items of " + use_claims().user; }

std::string audit_line(); // audit.cpp

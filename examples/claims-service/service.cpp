// The claims example, ported from Node.js to C++: a Lambda-style service that
// keeps the caller's claims in an async context store.
//
// It has the three bugs the asyncctx checks exist for:
//  1. `before`, the middleware hook, sets the claims with the unscoped
//     `enter_with` (asyncctx-enter-with);
//  2. the warm-up in `main` lists items before any invocation has claims:
//     `use_claims` throws "invalid claims" (asyncctx-read-outside-run);
//  3. `audit_user` caches the first caller's name in a `static`: on a warm
//     container every later request is audited as the first user
//     (asyncctx-invocation-leak).
//
// Build it and feed it two requests to see bug 3 happen:
//   printf 'alice\nbob\n' | build/examples/claims-service
#include "asyncctx/context_store.h"

#include <aws/lambda-runtime/runtime.h>

#include <iostream>
#include <stdexcept>
#include <string>

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

struct Claims {
  std::string user;
};

asyncctx::context_store<Claims> claims_storage;

// Like the Node example's useClaims(): no claims means a broken request.
const Claims &use_claims() {
  const Claims *claims = claims_storage.get_store();
  if (!claims)
    throw std::runtime_error("invalid claims");
  return *claims;
}

std::string list() { return "items of " + use_claims().user; }

// Bug 3: a static local is initialized once per container, by whichever
// request comes first.
const std::string &audit_user() {
  static const std::string user = use_claims().user;
  return user;
}

// Bug 1: the middleware's before-hook makes the claims current with no scope.
void before(const invocation_request &request) {
  claims_storage.enter_with(Claims{request.payload});
}

invocation_response handler(const invocation_request &request) {
  before(request);
  try {
    return invocation_response::success(list() + ", audited as " + audit_user(), "text/plain");
  } catch (const std::exception &e) {
    return invocation_response::failure(e.what(), "Unauthorized");
  }
}

int main() {
  // Bug 2: a warm-up at cold start, where no request (and no claims) exists.
  try {
    std::string items = list();
    std::cout << "warm-up: " << items << "\n";
  } catch (const std::exception &e) {
    std::cout << "warm-up failed: " << e.what() << "\n";
  }
  aws::lambda_runtime::run_handler(handler);
}

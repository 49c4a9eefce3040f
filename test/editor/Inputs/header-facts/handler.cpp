// The file opened in the editor. Its reads are one call away, in functions
// of claims.h (the preamble) and of audit.cpp (the facts directory).
#include "claims.h"

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

asyncctx::context_store<Claims> claims_storage;

static const std::string &first_user() {
#ifndef FIXED
  static const std::string user = use_claims().user;
#else
  static const std::string user = "anonymous";
#endif
  return user;
}

static invocation_response respond(const invocation_request &request) {
  return invocation_response::success(first_user() + list_items(), "text/plain");
}

invocation_response handler(const invocation_request &request) {
  return claims_storage.run(Claims{request.payload}, respond, request);
}

int main() {
#ifndef FIXED
  std::string items = list_items();
  std::string audit = audit_line();
#else
  std::string items, audit;
#endif
  if (items.empty() && audit.empty())
    aws::lambda_runtime::run_handler(handler);
}

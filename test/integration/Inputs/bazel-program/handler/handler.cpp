#include "handler/handler.h"
#include "claims/claims.h"
#include "middleware/middleware.h"

#include <exception>

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

// A static local is initialized once per container, by whichever request
// comes first.
static const std::string &audit_user() {
  static const std::string user = current_user();
  return user;
}

invocation_response handler(const invocation_request &request) {
  before(request);
  if (request.payload.empty())
    return invocation_response::failure("no claims", "Unauthorized"); // skips after()
  std::string body;
  try {
    body = list_items() + ", audited as " + audit_user();
  } catch (const std::exception &e) {
    after();
    return invocation_response::failure(e.what(), "Unauthorized");
  }
  after();
  return invocation_response::success(body, "text/plain");
}

#include "middleware/middleware.h"
#include "claims/claims.h"

// The before-hook makes the claims current with no scope; only after()
// clears them, and not every path of the handler calls it.
void before(const aws::lambda_runtime::invocation_request &request) {
  claims_storage.enter_with(Claims{request.payload});
}

void after() { claims_storage.disable(); }

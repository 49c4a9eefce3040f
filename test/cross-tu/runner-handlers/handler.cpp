#include "claims.h"

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

asyncctx::context_store<Claims> claims_storage;

static invocation_response respond(const invocation_request &request) {
  const Claims *claims = claims_storage.get_store();
  std::string user = claims ? claims->user : request.payload;
  return invocation_response::success(user.c_str(), "text/plain");
}

invocation_response handler(const invocation_request &request) {
#ifndef FIXED
  return respond(request);
#else
  return claims_storage.run(Claims{request.payload}, respond, request);
#endif
}

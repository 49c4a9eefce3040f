// The claims example (../claims-service/service.cpp) split as a service is:
// the claims and their store in claims.cpp, the middleware's hooks in
// middleware.cpp, the handler in handler.cpp, the cold start in main.cpp.
// Each bug now crosses a file boundary, and only a run over the program as
// one (`asyncctx-tidy --cross-tu`) sees it.
#pragma once
#include "asyncctx/context_store.h"

#include <aws/lambda-runtime/runtime.h>

#include <string>

struct Claims {
  std::string user;
};

extern asyncctx::context_store<Claims> claims_storage;

const Claims &use_claims();   // claims.cpp
std::string list_items();     // claims.cpp
std::string current_user();   // claims.cpp

void before(const aws::lambda_runtime::invocation_request &request); // middleware.cpp
void after();                                                        // middleware.cpp

aws::lambda_runtime::invocation_response
handler(const aws::lambda_runtime::invocation_request &request); // handler.cpp

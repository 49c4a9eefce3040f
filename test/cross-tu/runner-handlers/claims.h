#pragma once
#include "asyncctx/context_store.h"
#include <aws/lambda-runtime/runtime.h>
#include <string>

struct Claims {
  std::string user;
};
extern asyncctx::context_store<Claims> claims_storage;

aws::lambda_runtime::invocation_response
handler(const aws::lambda_runtime::invocation_request &request); // handler.cpp

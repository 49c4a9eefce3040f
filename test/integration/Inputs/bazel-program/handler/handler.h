// The handler of one invocation.
#pragma once
#include <aws/lambda-runtime/runtime.h>

aws::lambda_runtime::invocation_response
handler(const aws::lambda_runtime::invocation_request &request);

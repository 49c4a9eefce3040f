// The middleware's hooks, around each invocation of the handler.
#pragma once
#include <aws/lambda-runtime/runtime.h>

void before(const aws::lambda_runtime::invocation_request &request);
void after();

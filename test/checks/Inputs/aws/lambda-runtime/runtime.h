// The declarations of aws-lambda-cpp's <aws/lambda-runtime/runtime.h> that the
// checks depend on, with the real shapes and the real standard library (only
// const char* stands for std::string). run_handler has had two signatures:
//   void run_handler(std::function<invocation_response(invocation_request const&)> const& handler);
//   void run_handler(handler_t* handler);  // older releases, a function pointer
// ASYNCCTX_TEST_RUNTIME_FUNCTION_POINTER picks the older one.
#ifndef ASYNCCTX_TEST_MOCK_LAMBDA_RUNTIME_H
#define ASYNCCTX_TEST_MOCK_LAMBDA_RUNTIME_H

#include <functional>

namespace aws {
namespace lambda_runtime {

struct invocation_request {
  const char *payload;
  const char *request_id;
};

class invocation_response {
public:
  static invocation_response success(const char *payload, const char *content_type);
  static invocation_response failure(const char *error_message, const char *error_type);
};

#ifdef ASYNCCTX_TEST_RUNTIME_FUNCTION_POINTER
using handler_t = invocation_response(invocation_request const &);
void run_handler(handler_t *handler);
#else
void run_handler(std::function<invocation_response(invocation_request const &)> const &handler);
#endif

} // namespace lambda_runtime
} // namespace aws

#endif // ASYNCCTX_TEST_MOCK_LAMBDA_RUNTIME_H

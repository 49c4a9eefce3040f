// The declarations of aws-lambda-cpp's <aws/lambda-runtime/runtime.h> that the
// checks depend on, with the real signatures (namespace aws::lambda_runtime,
// run_handler taking a std::function-like handler by const reference), and
// no standard library.
#ifndef ASYNCCTX_TEST_MOCK_LAMBDA_RUNTIME_H
#define ASYNCCTX_TEST_MOCK_LAMBDA_RUNTIME_H

namespace std {
template <class Signature> class function;
template <class R, class... A> class function<R(A...)> {
public:
  template <class F> function(F fn) {}
  R operator()(A... args) const;
};
} // namespace std

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

struct run_handler_options {};

void run_handler(std::function<invocation_response(invocation_request const &)> const &handler);
void run_handler(std::function<invocation_response(invocation_request const &)> const &handler,
                 run_handler_options const &options);

} // namespace lambda_runtime
} // namespace aws

#endif // ASYNCCTX_TEST_MOCK_LAMBDA_RUNTIME_H

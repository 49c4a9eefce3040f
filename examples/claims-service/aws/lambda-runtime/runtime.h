// A local stand-in for aws-lambda-cpp's <aws/lambda-runtime/runtime.h>, so the
// example builds and runs anywhere. It keeps the real API's names and shapes
// (namespace aws::lambda_runtime, invocation_request, invocation_response,
// run_handler) and, like a warm Lambda container, runs every invocation on
// the same thread: one per line of standard input.
#ifndef CLAIMS_EXAMPLE_LAMBDA_RUNTIME_H
#define CLAIMS_EXAMPLE_LAMBDA_RUNTIME_H

#include <functional>
#include <iostream>
#include <string>

namespace aws::lambda_runtime {

struct invocation_request {
  std::string payload;
  std::string request_id;
};

class invocation_response {
public:
  static invocation_response success(const std::string &payload, const std::string &content_type) {
    return invocation_response(payload, content_type, true);
  }
  static invocation_response failure(const std::string &error_message, const std::string &error_type) {
    return invocation_response(error_type + ": " + error_message, "application/json", false);
  }
  const std::string &get_payload() const { return payload_; }
  bool is_success() const { return success_; }

private:
  invocation_response(std::string payload, std::string content_type, bool success)
      : payload_(std::move(payload)), content_type_(std::move(content_type)), success_(success) {}
  std::string payload_;
  std::string content_type_;
  bool success_;
};

inline void run_handler(std::function<invocation_response(invocation_request const &)> const &handler) {
  std::string line;
  for (int n = 1; std::getline(std::cin, line); ++n) {
    invocation_request request{line, "req-" + std::to_string(n)};
    invocation_response response = handler(request);
    std::cout << request.request_id << (response.is_success() ? " ok: " : " failed: ")
              << response.get_payload() << "\n";
  }
}

} // namespace aws::lambda_runtime

#endif // CLAIMS_EXAMPLE_LAMBDA_RUNTIME_H

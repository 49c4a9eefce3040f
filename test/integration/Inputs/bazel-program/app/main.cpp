#include "claims/claims.h"
#include "handler/handler.h"

#include <exception>
#include <iostream>

int main() {
  // A warm-up at cold start, where no request (and no claims) exists.
  try {
    std::string items = list_items();
    std::cout << "warm-up: " << items << "\n";
  } catch (const std::exception &e) {
    std::cout << "warm-up failed: " << e.what() << "\n";
  }
  aws::lambda_runtime::run_handler(handler);
}

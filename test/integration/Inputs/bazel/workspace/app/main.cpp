#include "context/context.h"
#include "handlers/handlers.h"

#include <iostream>

int main(int argc, char **argv) {
  shop::claims_storage.enter_with(shop::Claims{argc > 1 ? argv[1] : "guest"});
  std::cout << shop::format_order(1) << " by " << shop::audit_user() << "\n";
  return 0;
}

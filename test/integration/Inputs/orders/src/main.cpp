#include "orders/context.h"

#include <iostream>

int main(int argc, char **argv) {
  orders::claims_storage.enter_with(orders::Claims{argc > 1 ? argv[1] : "guest"});
  std::cout << orders::format_order(1) << " by " << orders::audit_user() << "\n";
  return 0;
}

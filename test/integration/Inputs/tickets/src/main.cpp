#include "tickets/context.h"

#include <iostream>

int main(int argc, char **argv) {
  return tickets::claims_storage.run(tickets::Claims{argc > 1 ? argv[1] : "guest"}, [] {
    std::cout << "ticket for " << tickets::session_user() << "\n";
    return 0;
  });
}

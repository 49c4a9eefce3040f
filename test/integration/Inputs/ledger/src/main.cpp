#include "ledger/context.h"

int main(int argc, char **argv) {
  return ledger::request_storage.run(ledger::Request{argc > 1 ? argv[1] : "guest"}, [] {
    return ledger::bill(100) > 0 ? 0 : 1;
  });
}

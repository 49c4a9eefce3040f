#include "ledger/context.h"

#ifndef LEDGER_TAX_RATE
#define LEDGER_TAX_RATE 20
#endif

namespace ledger {
int tax(int cents) {
  request_storage.enter_with(Request{"tax"});
  return cents * LEDGER_TAX_RATE / 100;
}
} // namespace ledger

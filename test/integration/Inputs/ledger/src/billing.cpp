#include "ledger/context.h"

namespace ledger {
int bill(int cents) {
  request_storage.enter_with(Request{"billing"});
  return tax(cents);
}
} // namespace ledger

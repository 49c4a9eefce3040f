#include "ledger/context.h"
#include "ledger/session.h"

namespace ledger {
// The account of whichever request came first, for every later one.
std::string audit_account() {
  static const std::string account = request_storage.get_store()->account;
  return account + "/" + session_account();
}
} // namespace ledger

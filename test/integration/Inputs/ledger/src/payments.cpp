#include "ledger/context.h"
#include "ledger/session.h"

namespace ledger {
std::string payer() {
  static const std::string account = request_storage.get_store()->account;
  return account == session_account() ? account : "";
}
} // namespace ledger

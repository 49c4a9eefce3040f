#include "ledger/context.h"
#include "ledger/session.h"

namespace ledger {
void open_account(const std::string &account) {
  request_storage.enter_with(Request{account});
  (void)session_account();
}
} // namespace ledger

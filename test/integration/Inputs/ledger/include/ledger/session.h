#ifndef LEDGER_SESSION_H
#define LEDGER_SESSION_H
#include "ledger/context.h"

namespace ledger {
// The first caller's account, kept for the life of the process.
inline const std::string &session_account() {
  static const std::string account = request_storage.get_store()->account;
  return account;
}
} // namespace ledger

#endif

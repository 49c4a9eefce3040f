#ifndef LEDGER_CONTEXT_H
#define LEDGER_CONTEXT_H
#include "asyncctx/context_store.h"

#include <string>

namespace ledger {
struct Request {
  std::string account;
};

inline asyncctx::context_store<Request> request_storage;

void open_account(const std::string &account);
std::string audit_account();
int bill(int cents);
std::string export_row(int cents);
std::string payer();
std::string report_line(int cents);
int tax(int cents);
} // namespace ledger

#endif

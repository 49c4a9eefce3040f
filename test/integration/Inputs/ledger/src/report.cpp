#include "ledger/context.h"

namespace ledger {
std::string report_line(int cents) { return "total " + export_row(cents); }
} // namespace ledger

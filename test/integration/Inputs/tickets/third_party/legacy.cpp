// Vendored code with a finding of its own, not linted (CXX_CLANG_TIDY "").
#include "tickets/context.h"

namespace tickets {
std::string legacy_user() {
  static const std::string user = claims_storage.get_store()->user;
  return user;
}
} // namespace tickets

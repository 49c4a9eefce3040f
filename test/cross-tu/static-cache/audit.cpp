// The audit name is cached once per container, by whichever request comes
// first: every later request is audited as the first user.
#include "claims.h"

const std::string &audit_user() {
#ifndef FIXED
  static const std::string user = current_user();
#else
  thread_local std::string user;
  user = "audited";
#endif
  return user;
}

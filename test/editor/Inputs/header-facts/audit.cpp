#include "claims.h"

std::string audit_line() { return "audited " + use_claims().user; }

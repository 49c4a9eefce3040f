#include "claims.h"

std::string list_items() { return "items of " + use_claims().user; }

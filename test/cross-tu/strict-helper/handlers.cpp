// Its callers, all in this file: each opens the scope, but for `night`.
#include "claims.h"

ASYNCCTX_INVOCATION std::string morning(const std::string &payload) {
  return claims_storage.run(Claims{payload}, greeting);
}

ASYNCCTX_INVOCATION std::string evening(const std::string &payload) {
  return claims_storage.run(Claims{payload}, [] { return greeting() + ", good evening"; });
}

#ifndef FIXED
ASYNCCTX_INVOCATION std::string night(const std::string &payload) { return greeting(); }
#endif

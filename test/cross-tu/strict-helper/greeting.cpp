// A helper with no caller in its own file: with StrictMode, of unknown
// context one file at a time.
#include "claims.h"

asyncctx::context_store<Claims> claims_storage;

std::string greeting() { return "hello " + claims_storage.get_store()->user; }

#include "users.h"

// Throws through validate(), of another file: that file's facts say it may
// throw, but this file's own facts (made before the program's were linked)
// do not say that checked() may (docs/cross-tu.md, "Limits").
void checked(const std::string &user) { validate(user); }

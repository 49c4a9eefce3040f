#include "users.h"

ASYNCCTX_INVOCATION void handle(const std::string &user) {
#ifndef FIXED
  users.enter_with(user);
  validate(user);
#else
  validate(user);
  users.enter_with(user);
#endif
  users.disable();
}

ASYNCCTX_INVOCATION void handle_quietly(const std::string &user) {
  users.enter_with(user);
  validate_quietly(user);
  users.disable();
}

ASYNCCTX_INVOCATION void handle_checked(const std::string &user) {
  users.enter_with(user);
  checked(user);
  users.disable();
}

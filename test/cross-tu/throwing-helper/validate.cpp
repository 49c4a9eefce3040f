#include "users.h"

#include <stdexcept>

asyncctx::context_store<std::string> users;

void validate(const std::string &user) {
  if (user.empty())
    throw std::invalid_argument("no user");
}

void validate_quietly(const std::string &user) {
  try {
    validate(user);
  } catch (const std::invalid_argument &) {
  }
}

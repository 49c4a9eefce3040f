#include "asyncctx/context_store.h"
#include <string>

asyncctx::context_store<std::string> store;

void old_entry(const std::string &user) {
  store.enter_with(user);
}

void old_entry_again(const std::string &user) {
  store.enter_with(user);
}

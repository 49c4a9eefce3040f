// The warm-up at cold start lists items before any request has claims. The
// read is two files away: main -> list_items (list.cpp) -> use_claims
// (claims.cpp) -> get_store.
#include "claims.h"

int main() {
#ifndef FIXED
  std::string items = list_items();
#else
  std::string items = claims_storage.run(Claims{"warm-up"}, list_items);
#endif
  return items.empty();
}

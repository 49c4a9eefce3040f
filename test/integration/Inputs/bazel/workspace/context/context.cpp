#include "context/context.h"

namespace shop {
std::string current_user() {
  const Claims *claims = claims_storage.get_store();
  return claims ? claims->user : "anonymous";
}
} // namespace shop

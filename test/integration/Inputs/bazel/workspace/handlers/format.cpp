#include "handlers/handlers.h"

namespace shop {
std::string format_order(int id) { return "order " + std::to_string(id); }
} // namespace shop

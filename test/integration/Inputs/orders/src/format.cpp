#include "orders/context.h"

namespace orders {
std::string format_order(int id) { return "order " + std::to_string(id); }
} // namespace orders

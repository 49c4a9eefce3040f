#ifndef SHOP_HANDLERS_H
#define SHOP_HANDLERS_H
#include <string>

namespace shop {
std::string audit_user();
std::string format_order(int id);
} // namespace shop

#endif

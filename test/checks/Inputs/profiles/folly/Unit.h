// folly's <folly/Unit.h> (folly ff98381ea68687a95c6185326db933aa6124d4c5):
// folly::Unit, the value of a Future<Unit>, and lift_unit_t.
#pragma once

#include <type_traits>

namespace folly {

struct Unit {
  constexpr bool operator==(const Unit & /*other*/) const { return true; }
  constexpr bool operator!=(const Unit & /*other*/) const { return false; }
};

constexpr Unit unit{};

template <typename T> struct lift_unit { using type = T; };
template <> struct lift_unit<void> { using type = Unit; };
template <typename T> using lift_unit_t = typename lift_unit<T>::type;

} // namespace folly

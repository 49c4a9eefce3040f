// The parts of Boost.Log's <boost/log/core/core.hpp> that the boost-log
// profile names, in Boost.Log's inline ABI namespace (v2_mt_posix on Linux),
// with the real signatures; attribute values are reduced to strings.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace boost {
namespace log {
inline namespace v2_mt_posix {

class attribute_name {
public:
  attribute_name(const char *name);
};

class attribute {
public:
  attribute() = default;
};

class attribute_set {
public:
  using iterator = std::map<std::string, attribute>::iterator;
};

namespace attributes {
template <class T> class constant : public attribute {
public:
  explicit constant(const T &value);
};
template <class T> constant<T> make_constant(const T &value) { return constant<T>(value); }
} // namespace attributes

class core;
using core_ptr = std::shared_ptr<core>;

class core {
public:
  static core_ptr get();
  std::pair<attribute_set::iterator, bool> add_thread_attribute(attribute_name const &name,
                                                                attribute const &attr);
  void remove_thread_attribute(attribute_set::iterator it);
  attribute_set get_thread_attributes() const;
};

} // namespace v2_mt_posix
} // namespace log
} // namespace boost

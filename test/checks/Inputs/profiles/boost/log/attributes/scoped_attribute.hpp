// The parts of Boost.Log's <boost/log/attributes/scoped_attribute.hpp> that
// the boost-log profile names: the thread attribute guard, the function
// that makes one, and the macros that declare one.
#pragma once

#include <boost/log/core/core.hpp>

namespace boost {
namespace log {
inline namespace v2_mt_posix {

namespace aux {
class attribute_scope_guard {};

class scoped_thread_attribute : public attribute_scope_guard {
public:
  scoped_thread_attribute(attribute_name const &name, attribute const &attr) : m_pCore(core::get()) {
    m_itAttribute = m_pCore->add_thread_attribute(name, attr).first;
  }
  scoped_thread_attribute(scoped_thread_attribute &&that) = default;
  ~scoped_thread_attribute() {
    if (m_pCore)
      m_pCore->remove_thread_attribute(m_itAttribute);
  }

private:
  core_ptr m_pCore;
  attribute_set::iterator m_itAttribute;
};
} // namespace aux

typedef aux::attribute_scope_guard const &scoped_attribute;

inline aux::scoped_thread_attribute add_scoped_thread_attribute(attribute_name const &name,
                                                                attribute const &attr) {
  return aux::scoped_thread_attribute(name, attr);
}

} // namespace v2_mt_posix
} // namespace log
} // namespace boost

#define BOOST_LOG_MOCK_CAT_(a, b) a##b
#define BOOST_LOG_MOCK_CAT(a, b) BOOST_LOG_MOCK_CAT_(a, b)
#define BOOST_LOG_SCOPED_THREAD_ATTR(attr_name, attr)                                              \
  __attribute__((unused))::boost::log::scoped_attribute BOOST_LOG_MOCK_CAT(                        \
      _boost_log_scoped_thread_attr_sentry_, __LINE__) =                                           \
      ::boost::log::add_scoped_thread_attribute(attr_name, (attr));
#define BOOST_LOG_SCOPED_THREAD_TAG(attr_name, attr_value)                                         \
  BOOST_LOG_SCOPED_THREAD_ATTR(attr_name, ::boost::log::attributes::make_constant(attr_value))

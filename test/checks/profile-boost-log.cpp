// The boost-log profile: BOOST_LOG_SCOPED_THREAD_TAG/_ATTR declare a guard
// (through add_scoped_thread_attribute); core::add_thread_attribute sets a
// thread attribute with no scope, remove_thread_attribute ends it. The same
// file runs against mock headers here and against Debian's real Boost.Log
// headers in profile-boost-log-real.test.
//
// RUN: %check_asyncctx -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'boost-log', asyncctx.InvocationFunctions: 'handlers::good_tag;handlers::good_attr;handlers::good_add_remove;handlers::bad_add;handlers::bad_discarded;handlers::bad_read;handlers::bad_cached'}}"
// RUN: %check_asyncctx --check-suffix=OFF -I %S/Inputs/profiles %s 'asyncctx-*' %t.off

#include <boost/log/attributes/scoped_attribute.hpp>
#include <boost/log/core/core.hpp>
#include <string>

namespace logging = boost::log;

void work();
void use(const logging::attribute_set &attributes);

namespace handlers {

void good_tag(const std::string &request_id) {
  BOOST_LOG_SCOPED_THREAD_TAG("RequestId", request_id);
  use(logging::core::get()->get_thread_attributes());
}

void good_attr(const std::string &request_id) {
  BOOST_LOG_SCOPED_THREAD_ATTR("RequestId", logging::attributes::make_constant(request_id));
  work();
}

void good_add_remove(const std::string &request_id) {
  auto added = logging::core::get()->add_thread_attribute(
      "RequestId", logging::attributes::make_constant(request_id));
  work();
  logging::core::get()->remove_thread_attribute(added.first);
}

void bad_add(const std::string &request_id) {
  logging::core::get()->add_thread_attribute("RequestId",
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'add_thread_attribute' makes a value current in store 'boost::log::core' with no scope; use 'BOOST_LOG_SCOPED_THREAD_ATTR' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: no fix-it: store 'boost::log::core' has no run() to rewrite into
  // CHECK-MESSAGES: :[[@LINE-3]]:25: warning: store 'boost::log::core' can still hold the value 'add_thread_attribute' made current when 'bad_add' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+3]]:1: note: 'bad_add' can end here with the value still current
                                             logging::attributes::make_constant(request_id));
  work();
}

void bad_discarded(const std::string &request_id) {
  logging::add_scoped_thread_attribute("RequestId", logging::attributes::make_constant(request_id));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the scope guard that 'add_scoped_thread_attribute' returns is discarded: its scope of store 'boost::log::core' ends with this statement [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep it in a local variable for as long as the scope should last
  work();
}

void bad_read() {
  use(logging::core::get()->get_thread_attributes());
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'get_thread_attributes' reads store 'boost::log::core' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:6: note: invocation 'bad_read' starts with no scope active
}

void bad_cached(const std::string &request_id) {
  BOOST_LOG_SCOPED_THREAD_TAG("RequestId", request_id);
  static logging::attribute_set first = logging::core::get()->get_thread_attributes();
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: a value read from store 'boost::log::core' is kept in 'first', which outlives the invocation [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:63: note: read here
}

} // namespace handlers

// opentelemetry-cpp's ABI namespace: every API name lives in the inline
// namespace opentelemetry::v1.
#pragma once

#define OPENTELEMETRY_BEGIN_NAMESPACE \
  namespace opentelemetry {           \
  inline namespace v1 {
#define OPENTELEMETRY_END_NAMESPACE \
  }                                 \
  }

#include <memory>
#include <string_view>

OPENTELEMETRY_BEGIN_NAMESPACE
// With OPENTELEMETRY_STL_VERSION set, nostd names the standard types.
namespace nostd {
template <class T> using unique_ptr = std::unique_ptr<T>;
template <class T> using shared_ptr = std::shared_ptr<T>;
using string_view = std::string_view;
} // namespace nostd
OPENTELEMETRY_END_NAMESPACE

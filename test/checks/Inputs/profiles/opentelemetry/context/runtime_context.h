// The parts of opentelemetry-cpp's <opentelemetry/context/runtime_context.h>
// that the opentelemetry profile names, with their real signatures.
#pragma once

#include "opentelemetry/version.h"

#include <cstdint>
#include <variant>

OPENTELEMETRY_BEGIN_NAMESPACE
namespace context {

// opentelemetry/context/context_value.h names the span, span context and
// baggage pointers too; their absence changes no signature used here.
using ContextValue = std::variant<std::monostate, bool, int64_t, uint64_t, double>;

class Context {
public:
  Context SetValue(nostd::string_view key, int value) noexcept;
  bool HasKey(nostd::string_view key) const noexcept;
};

// Returned by Attach; its destructor detaches the context it attached.
class Token {
public:
  bool operator==(const Context &other) const noexcept;
  ~Token();

private:
  friend class RuntimeContextStorage;
  Token() noexcept = default;
};

class RuntimeContext {
public:
  static Context GetCurrent() noexcept;
  // Sets the current context; the token resets it to the previous one.
  static nostd::unique_ptr<Token> Attach(const Context &context) noexcept;
  static bool Detach(Token &token) noexcept;
  // The value of key in *context, or in the current context when it is null.
  static ContextValue GetValue(nostd::string_view key, Context *context = nullptr) noexcept;
};

} // namespace context
OPENTELEMETRY_END_NAMESPACE

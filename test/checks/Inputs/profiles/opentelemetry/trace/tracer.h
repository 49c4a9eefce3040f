// The parts of opentelemetry-cpp's <opentelemetry/trace/scope.h> and
// <opentelemetry/trace/tracer.h> that the opentelemetry profile names.
#pragma once

#include "opentelemetry/context/runtime_context.h"

OPENTELEMETRY_BEGIN_NAMESPACE
namespace trace {

class Span {
public:
  virtual ~Span() = default;
  virtual void End() noexcept = 0;
};

// Makes a span active for as long as it lives.
class Scope final {
public:
  Scope(const nostd::shared_ptr<Span> &span) noexcept;

private:
  nostd::unique_ptr<context::Token> token_;
};

class Tracer {
public:
  virtual ~Tracer() = default;
  virtual nostd::shared_ptr<Span> StartSpan(nostd::string_view name) noexcept = 0;
  // The span stays active until the returned Scope is destroyed.
  static Scope WithActiveSpan(nostd::shared_ptr<Span> &span) noexcept { return Scope{span}; }
  static nostd::shared_ptr<Span> GetCurrentSpan() noexcept;
};

} // namespace trace
OPENTELEMETRY_END_NAMESPACE

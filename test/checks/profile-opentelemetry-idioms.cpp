// The opentelemetry profile on OpenTelemetry's own idioms: GetCurrent()
// never returns an empty context (outside any Attach it is the root context,
// from which a program derives its first one), and a token kept in a data
// member is a scope owned by its object when a member function of the class
// ends it (the contrib webserver module's ServerSpan: Attach in the
// constructor, Detach in End()). A class with no member that ends its token
// is still reported.
//
// RUN: %check_asyncctx --std=c++17 -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'opentelemetry'}}"

#include "opentelemetry/trace/tracer.h"

#include <memory>

namespace context = opentelemetry::context;
namespace nostd = opentelemetry::nostd;

void use(const context::Context &ctx);

// Detach(*token_) in a member function of its own.
class ServerSpan {
public:
  explicit ServerSpan(const context::Context &ctx) {
    token_ = context::RuntimeContext::Attach(ctx);
  }
  void End() { context::RuntimeContext::Detach(*token_.get()); }

private:
  nostd::unique_ptr<context::Token> token_;
};

// token_.reset() in a member function of its own.
class ClientSpan {
public:
  explicit ClientSpan(const context::Context &ctx) : token_(context::RuntimeContext::Attach(ctx)) {}
  void End() { token_.reset(); }

private:
  nostd::unique_ptr<context::Token> token_;
};

// Only the destructor ends it: the object's lifetime is the scope.
class LeakySpan {
public:
  explicit LeakySpan(const context::Context &ctx) : token_(context::RuntimeContext::Attach(ctx)) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: the scope guard made by 'Attach' is kept in member 'token_': its scope of store 'opentelemetry::context::RuntimeContext' ends only when the object is destroyed, and every invocation until then sees its value [asyncctx-invocation-leak]
  ~LeakySpan() { token_.reset(); }
  void AddEvent() { use(context::RuntimeContext::GetCurrent()); }

private:
  nostd::unique_ptr<context::Token> token_;
};

// GetCurrent() in main returns the root context: deriving the first context
// from it is the documented way to start one.
int main() {
  auto root = context::RuntimeContext::GetCurrent();
  auto token = context::RuntimeContext::Attach(root.SetValue("request", 1));
  ServerSpan span(context::RuntimeContext::GetCurrent());
  span.End();
  use(context::RuntimeContext::GetCurrent());
}

// The opentelemetry profile: RuntimeContext::Attach's token and
// Tracer::WithActiveSpan's Scope are scope guards (discarded, they end at
// once; kept in a member or a static, they never end), Detach ends a scope,
// GetCurrent and GetCurrentSpan read. Names are matched through the inline
// namespace opentelemetry::v1.
//
// RUN: %check_asyncctx --std=c++17 -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'opentelemetry', asyncctx.InvocationFunctions: 'handlers::good_token;handlers::good_detach;handlers::good_scope;handlers::good_active_span;handlers::bad_discarded_token;handlers::bad_discarded_scope;handlers::bad_static_token;handlers::bad_cached_span'}}"
// RUN: %check_asyncctx --check-suffix=OFF --std=c++17 -I %S/Inputs/profiles %s 'asyncctx-*' %t.off

#include "opentelemetry/trace/tracer.h"

namespace context = opentelemetry::context;
namespace trace = opentelemetry::trace;
namespace nostd = opentelemetry::nostd;

void use(const context::Context &ctx);
void use(const nostd::shared_ptr<trace::Span> &span);

namespace handlers {

void good_token(const context::Context &ctx) {
  auto token = context::RuntimeContext::Attach(ctx);
  use(context::RuntimeContext::GetCurrent());
}

void good_detach(const context::Context &ctx) {
  auto token = context::RuntimeContext::Attach(ctx);
  use(context::RuntimeContext::GetCurrent());
  context::RuntimeContext::Detach(*token);
}

void good_scope(nostd::shared_ptr<trace::Span> span) {
  trace::Scope scope(span);
  use(trace::Tracer::GetCurrentSpan());
}

void good_active_span(trace::Tracer &tracer) {
  auto span = tracer.StartSpan("handle");
  auto scope = tracer.WithActiveSpan(span);
  use(trace::Tracer::GetCurrentSpan());
}

void bad_discarded_token(const context::Context &ctx) {
  context::RuntimeContext::Attach(ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the scope guard that 'Attach' returns is discarded: its scope of store 'opentelemetry::context::RuntimeContext' ends with this statement [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep it in a local variable for as long as the scope should last
  use(trace::Tracer::GetCurrentSpan());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'GetCurrentSpan' reads store 'opentelemetry::context::RuntimeContext' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-6]]:6: note: invocation 'bad_discarded_token' starts with no scope active
}

void bad_discarded_scope(trace::Tracer &tracer) {
  auto span = tracer.StartSpan("handle");
  trace::Tracer::WithActiveSpan(span);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the scope guard that 'WithActiveSpan' returns is discarded: its scope of store 'opentelemetry::context::RuntimeContext' ends with this statement [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep it in a local variable for as long as the scope should last
}

void bad_static_token(const context::Context &ctx) {
  static auto token = context::RuntimeContext::Attach(ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: scope guard 'token' has static storage: its scope never ends, and every later invocation sees its value [asyncctx-invocation-leak]
}

void bad_cached_span(nostd::shared_ptr<trace::Span> span) {
  trace::Scope scope(span);
  static auto current = trace::Tracer::GetCurrentSpan();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: a value read from store 'opentelemetry::context::RuntimeContext' is kept in 'current', which outlives the invocation [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: read here
}

} // namespace handlers

// A token kept in a member detaches only when its object goes.
class Request {
public:
  void begin(const context::Context &ctx) { token_ = context::RuntimeContext::Attach(ctx); }
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: the scope guard made by 'Attach' is kept in member 'token_': its scope of store 'opentelemetry::context::RuntimeContext' ends only when the object is destroyed, and every invocation until then sees its value [asyncctx-invocation-leak]
  explicit Request(const context::Context &ctx) : token_(context::RuntimeContext::Attach(ctx)) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: the scope guard made by 'Attach' is kept in member 'token_': its scope of store 'opentelemetry::context::RuntimeContext' ends only when the object is destroyed, and every invocation until then sees its value [asyncctx-invocation-leak]

private:
  nostd::unique_ptr<context::Token> token_;
};

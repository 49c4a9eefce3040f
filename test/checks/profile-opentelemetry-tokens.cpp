// OpenTelemetry's tokens: Attach returns a token whose destructor detaches
// the context. A token kept in a local variable, or in a member of a local
// object, is a scope until it is destroyed or reset; `release()` lets it go
// without destroying it, so the context is never detached. A token dropped
// in the statement that made it covers nothing after it.
//
// RUN: %check_asyncctx --std=c++17 -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'opentelemetry',}}"

#include "asyncctx/annotations.h"
#include "opentelemetry/trace/tracer.h"

namespace context = opentelemetry::context;
namespace nostd = opentelemetry::nostd;

void use(const context::ContextValue &value);

struct Request {
  nostd::unique_ptr<context::Token> token;
};

ASYNCCTX_INVOCATION void bad_released_local(const context::Context &ctx) {
  auto token = context::RuntimeContext::Attach(ctx);
  use(context::RuntimeContext::GetValue("user"));
  token.release();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the scope guard held in 'token' is released without being destroyed: its scope of store 'opentelemetry::context::RuntimeContext' never ends, and every later invocation sees its value [asyncctx-invocation-leak]
}

ASYNCCTX_INVOCATION void bad_released_member(const context::Context &ctx) {
  Request request;
  request.token = context::RuntimeContext::Attach(ctx);
  use(context::RuntimeContext::GetValue("user"));
  request.token.release();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the scope guard held in 'request' is released without being destroyed: its scope of store 'opentelemetry::context::RuntimeContext' never ends, and every later invocation sees its value [asyncctx-invocation-leak]
}

ASYNCCTX_INVOCATION void good_member_of_local(const context::Context &ctx) {
  Request request;
  request.token = context::RuntimeContext::Attach(ctx);
  use(context::RuntimeContext::GetValue("user"));
}

ASYNCCTX_INVOCATION void good_reset(const context::Context &ctx) {
  auto token = context::RuntimeContext::Attach(ctx);
  use(context::RuntimeContext::GetValue("user"));
  token.reset();
}

ASYNCCTX_INVOCATION void bad_read_after_reset(const context::Context &ctx) {
  auto token = context::RuntimeContext::Attach(ctx);
  token.reset();
  use(context::RuntimeContext::GetValue("user"));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'GetValue' reads store 'opentelemetry::context::RuntimeContext' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: invocation 'bad_read_after_reset' starts with no scope active
}

ASYNCCTX_INVOCATION void bad_discarded(const context::Context &ctx) {
  context::RuntimeContext::Attach(ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the scope guard that 'Attach' returns is discarded: its scope of store 'opentelemetry::context::RuntimeContext' ends with this statement [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep it in a local variable for as long as the scope should last
  use(context::RuntimeContext::GetValue("user"));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'GetValue' reads store 'opentelemetry::context::RuntimeContext' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-6]]:26: note: invocation 'bad_discarded' starts with no scope active
}

ASYNCCTX_INVOCATION void good_kept(const context::Context &ctx) {
  auto token = context::RuntimeContext::Attach(ctx);
  use(context::RuntimeContext::GetValue("user"));
}


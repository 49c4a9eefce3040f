// The parts of folly's <folly/io/async/Request.h> that the folly profile
// names, with the real signatures (static members, both setContext
// overloads) and the guards' real bodies; the data and hazard-pointer
// machinery are left out. Checked against folly
// ff98381ea68687a95c6185326db933aa6124d4c5 (RequestContextScopeGuard
// privately derives from RequestContextSaverScopeGuard, as there).
#pragma once

#include <memory>
#include <string>
#include <utility>

namespace folly {

class RequestContext {
public:
  RequestContext() = default;
  virtual ~RequestContext() = default;

  // Create a unique request context for this request. It will be passed
  // between queues / threads (where implemented), so it should be valid for
  // the lifetime of the request.
  static std::shared_ptr<RequestContext> create() {
    return setContext(std::make_shared<RequestContext>());
  }

  // Get the current context; never null: outside any request it is a
  // process-wide default context.
  static RequestContext *get();
  // Get the current context, if it is not the default one.
  static RequestContext *try_get();

  bool hasContextData(const std::string &val) const;

  // The following APIs are used to add, remove and access RequestContext
  // instance in the thread local storage; setContext returns the previous
  // context so that it can be reset later. Passing nullptr clears it.
  static std::shared_ptr<RequestContext> setContext(std::shared_ptr<RequestContext> const &ctx);
  static std::shared_ptr<RequestContext> setContext(std::shared_ptr<RequestContext> &&newCtx_);

  static std::shared_ptr<RequestContext> saveContext();
};

// Saves the current context and restores it when it goes out of scope; it
// sets nothing itself.
class RequestContextSaverScopeGuard {
public:
  RequestContextSaverScopeGuard() : RequestContextSaverScopeGuard(RequestContext::saveContext()) {}

  RequestContextSaverScopeGuard(const RequestContextSaverScopeGuard &) = delete;
  RequestContextSaverScopeGuard &operator=(const RequestContextSaverScopeGuard &) = delete;
  RequestContextSaverScopeGuard(RequestContextSaverScopeGuard &&) = delete;
  RequestContextSaverScopeGuard &operator=(RequestContextSaverScopeGuard &&) = delete;

  ~RequestContextSaverScopeGuard() { RequestContext::setContext(std::move(prev_)); }

protected:
  explicit RequestContextSaverScopeGuard(std::shared_ptr<RequestContext> &&ctx)
      : prev_(std::move(ctx)) {}

private:
  std::shared_ptr<RequestContext> prev_;
};

class RequestContextScopeGuard : private RequestContextSaverScopeGuard {
public:
  // Create a new RequestContext and reset to the original value when this
  // goes out of scope.
  RequestContextScopeGuard() : RequestContextSaverScopeGuard(RequestContext::create()) {}

  // Set a RequestContext that was previously captured by saveContext(). It
  // will be automatically reset to the original value when this goes out of
  // scope.
  explicit RequestContextScopeGuard(std::shared_ptr<RequestContext> const &ctx)
      : RequestContextSaverScopeGuard(RequestContext::setContext(ctx)) {}
  explicit RequestContextScopeGuard(std::shared_ptr<RequestContext> &&ctx)
      : RequestContextSaverScopeGuard(RequestContext::setContext(std::move(ctx))) {}
};

struct ShallowCopyRequestContextScopeGuard {
  ShallowCopyRequestContextScopeGuard();
  ShallowCopyRequestContextScopeGuard(const std::string &val, std::unique_ptr<int> data);
  ~ShallowCopyRequestContextScopeGuard() { RequestContext::setContext(std::move(prev_)); }

private:
  std::shared_ptr<RequestContext> prev_;
};

} // namespace folly

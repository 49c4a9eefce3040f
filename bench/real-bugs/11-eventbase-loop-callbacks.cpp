// folly 6e8fcd168 (2016), folly/io/async/EventBase.cpp
// Rule 3: the loop set each callback's context and never put the previous
// one back: the last callback's context stayed current on the loop thread.
#include <folly/io/async/Request.h>

#include <list>
#include <memory>

namespace folly {

struct LoopCallback {
  virtual ~LoopCallback() = default;
  virtual void runLoopCallback() noexcept = 0;
  std::shared_ptr<RequestContext> context_;
};

class EventBase {
public:
  bool runLoopCallbacks() {
    std::list<LoopCallback *> currentCallbacks;
    currentCallbacks.swap(loopCallbacks_);
    while (!currentCallbacks.empty()) {
      LoopCallback *callback = currentCallbacks.front();
      currentCallbacks.pop_front();
#ifndef FIXED
      RequestContext::setContext(callback->context_);
#else
      RequestContextScopeGuard rctx(callback->context_);
#endif
      callback->runLoopCallback();
    }
    return true;
  }

private:
  std::list<LoopCallback *> loopCallbacks_;
};

} // namespace folly

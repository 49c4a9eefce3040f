// folly bda67fde1 (2017), folly/io/async/EventBase.{h,cpp}
// Rule 4: a LoopCallback kept the context it was scheduled in after it ran
// (the guard copied it) and after it was cancelled.
#include <folly/io/async/Request.h>

#include <list>
#include <memory>

namespace folly {

class EventBase {
public:
  class LoopCallback {
  public:
    virtual ~LoopCallback() = default;
    virtual void runLoopCallback() noexcept = 0;
    void cancelLoopCallback() {
#ifdef FIXED
      context_.reset();
#endif
      unlink();
    }

  private:
    void unlink();
    friend class EventBase;
    std::shared_ptr<RequestContext> context_;
  };

  void runInLoop(LoopCallback *callback) {
    callback->context_ = RequestContext::saveContext();
    loopCallbacks_.push_back(callback);
  }

  void runLoopCallbacks() {
    while (!loopCallbacks_.empty()) {
      LoopCallback *callback = loopCallbacks_.front();
      loopCallbacks_.pop_front();
#ifndef FIXED
      RequestContextScopeGuard rctx(callback->context_);
#else
      RequestContextScopeGuard rctx(std::move(callback->context_));
#endif
      callback->runLoopCallback();
    }
  }

private:
  std::list<LoopCallback *> loopCallbacks_;
};

} // namespace folly

// folly 113a478ca (2024), folly/executors/QueuedImmediateExecutor.cpp
// Rule 2: a function added from inside a running one was queued without its
// context and run in the context of the outer function.
#include <folly/Executor.h>
#include <folly/io/async/Request.h>

#include <memory>
#include <queue>

namespace folly {

class QueuedImmediateExecutor : public Executor {
public:
  void add(Func func) override {
#ifndef FIXED
    q_.push(std::move(func));
    if (q_.size() == 1) {
      while (!q_.empty()) {
        q_.front()();
        q_.pop();
      }
    }
#else
    if (running_) {
      q_.push(Task{std::move(func), RequestContext::saveContext()});
      return;
    }
    running_ = true;
    func();
    RequestContextSaverScopeGuard guard;
    while (!q_.empty()) {
      RequestContext::setContext(std::move(q_.front().ctx));
      q_.front().func();
      q_.pop();
    }
    running_ = false;
#endif
  }

private:
#ifndef FIXED
  std::queue<Func> q_;
#else
  struct Task {
    Func func;
    std::shared_ptr<RequestContext> ctx;
  };
  bool running_ = false;
  std::queue<Task> q_;
#endif
};

} // namespace folly

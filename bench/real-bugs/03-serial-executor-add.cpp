// folly 76747b045 (2019), folly/executors/SerialExecutor.cpp
// Rule 2: the worker that the parent executor runs (in the context of the
// add() that scheduled it) runs every queued function, so each runs in
// another request's context.
#include <folly/Executor.h>
#include <folly/executors/SequencedExecutor.h>
#include <folly/io/async/Request.h>

#include <deque>

namespace folly {

class SerialExecutor : public SequencedExecutor {
public:
  explicit SerialExecutor(Executor::KeepAlive<> parent) : parent_(std::move(parent)) {}

  void add(Func func) override {
#ifndef FIXED
    queue_.push_back(std::move(func));
#else
    queue_.push_back([ctx = RequestContext::saveContext(), func = std::move(func)]() mutable {
      RequestContextScopeGuard ctxGuard(ctx);
      func();
    });
#endif
    parent_->add([this] { run(); });
  }

private:
  void run() {
    while (!queue_.empty()) {
      Func func = std::move(queue_.front());
      queue_.pop_front();
      func();
    }
  }

  Executor::KeepAlive<> parent_;
  std::deque<Func> queue_;
};

} // namespace folly

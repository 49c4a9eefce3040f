// folly 89d633e8c (2024), folly/executors/StrandExecutor.cpp
// Rule 2: queued items kept no context, and executeNext() ran them in the
// context of the task that scheduled the strand's worker.
#include <folly/Executor.h>
#include <folly/io/async/Request.h>

#include <deque>
#include <memory>

namespace folly {

class StrandContext {
public:
  void add(Func func, Executor::KeepAlive<> executor) {
#ifndef FIXED
    queue_.push_back(QueueItem{std::move(func), std::move(executor)});
#else
    queue_.push_back(QueueItem{std::move(func), std::move(executor), RequestContext::saveContext()});
#endif
  }

  void executeNext() {
#ifdef FIXED
    RequestContextSaverScopeGuard ctxGuard;
#endif
    while (!queue_.empty()) {
      QueueItem item = std::move(queue_.front());
      queue_.pop_front();
#ifdef FIXED
      RequestContext::setContext(std::move(item.requestCtx));
#endif
      item.func();
    }
  }

private:
  struct QueueItem {
    Func func;
    Executor::KeepAlive<> executor;
#ifdef FIXED
    std::shared_ptr<RequestContext> requestCtx;
#endif
  };
  std::deque<QueueItem> queue_;
};

} // namespace folly

// folly 1f1028fee (2024), folly/executors/SerialExecutor-inl.h (and the
// same fix in NotificationQueue::Consumer, eeb59fc3d, 2020)
// Rule 2: tasks drained without running were destroyed (their captures'
// destructors run user code) in whatever context drain() ran in.
#include <folly/Executor.h>
#include <folly/io/async/Request.h>

#include <deque>
#include <memory>

namespace folly {

class SerialExecutor {
public:
  void drain() {
    while (!queue_.empty()) {
      Task task = std::move(queue_.front());
      queue_.pop_front();
#ifdef FIXED
      RequestContextScopeGuard ctxGuard(std::move(task.ctx));
      task.func = {};
#endif
    }
  }

private:
  struct Task {
    Func func;
    std::shared_ptr<RequestContext> ctx;
  };
  std::deque<Task> queue_;
};

} // namespace folly

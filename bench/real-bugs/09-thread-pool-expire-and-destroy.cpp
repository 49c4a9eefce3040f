// folly 0ee7dfe1b (2021), folly/executors/ThreadPoolExecutor.cpp
// Rule 2: the expire callback, and the destructor of the task's function
// (whose captures may run user code), ran outside the task's context.
#include <folly/Executor.h>
#include <folly/io/async/Request.h>

#include <memory>

namespace folly {

struct Task {
  Func func_;
  Func expireCallback_;
  std::shared_ptr<RequestContext> context_;
  bool expired;
};

void runTask(Task &&task) {
#ifndef FIXED
  if (task.expired) {
    if (task.expireCallback_ != nullptr)
      task.expireCallback_();
  } else {
    RequestContextScopeGuard rctx(task.context_);
    task.func_();
  }
#else
  RequestContextScopeGuard rctx(task.context_);
  if (task.expired) {
    if (task.expireCallback_ != nullptr)
      task.expireCallback_();
  } else {
    task.func_();
  }
  task.func_ = nullptr;
  task.expireCallback_ = nullptr;
#endif
}

} // namespace folly

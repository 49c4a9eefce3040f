// The parts of folly's <folly/fibers/FiberManagerInternal.h> (included by
// <folly/fibers/FiberManager.h>) that hand work to fibers (folly
// ff98381ea68687a95c6185326db933aa6124d4c5), declarations only. What they
// do with the RequestContext: addTask() gives the new fiber
// RequestContext::saveContext() (FiberManager::initLocalData,
// FiberManagerInternal-inl.h:609); addTaskRemote() and add() keep it in the
// RemoteTask (FiberManagerInternal.h:454) and hand it to the fiber
// (FiberManagerInternal-inl.h:298); runReadyFiber() installs a fiber's
// context with setContext (FiberManagerInternal-inl.h:135) and saves it
// again when the fiber suspends (:170), and runFibersHelper() puts the
// loop's own context back when the loop is done (:241, :256).
// runInMainContext() runs its callable at once, on the main stack, in the
// current context. Fibers are not modelled: a task is queued with its
// context and loopUntilNoReady() runs the queue as runFibersHelper and
// runReadyFiber do.
#pragma once

#include <folly/Executor.h>
#include <folly/ScopeGuard.h>
#include <folly/io/async/Request.h>

#include <cstddef>
#include <deque>
#include <memory>
#include <type_traits>
#include <utility>

namespace folly {
namespace fibers {

struct TaskOptions {
  TaskOptions() {}
};

class FiberManager : public ::folly::Executor {
public:
  /// Add a new task to be executed. Must be called from FiberManager's
  /// thread.
  template <typename F> void addTask(F &&func, TaskOptions taskOptions = TaskOptions()) {
    (void)taskOptions;
    ready_.emplace_back(RequestContext::saveContext(), folly::Func(std::forward<F>(func)));
  }

  /// Add a new task, from any thread.
  template <typename F> void addTaskRemote(F &&func) {
    ready_.emplace_back(RequestContext::saveContext(), folly::Func(std::forward<F>(func)));
  }

  // Executor interface calls addTaskRemote
  void add(folly::Func f) override { addTaskRemote(std::move(f)); }

  template <typename F> std::invoke_result_t<F> runInMainContext(F &&func) {
    return std::forward<F>(func)();
  }

  size_t loopUntilNoReady() {
    auto curCtx = RequestContext::saveContext();
    SCOPE_EXIT { RequestContext::setContext(std::move(curCtx)); };
    size_t n = 0;
    for (; !ready_.empty(); ++n) {
      auto task = std::move(ready_.front());
      ready_.pop_front();
      RequestContext::setContext(std::move(task.first));
      task.second();
    }
    return n;
  }

  static FiberManager &getFiberManager();
  static FiberManager *getFiberManagerUnsafe();

private:
  std::deque<std::pair<std::shared_ptr<RequestContext>, folly::Func>> ready_;
};

/// Add a task to the FiberManager of the current thread.
template <typename F> inline void addTask(F &&func) {
  return FiberManager::getFiberManager().addTask(std::forward<F>(func));
}

/// Run a function on the main context of the current FiberManager.
template <typename F> std::invoke_result_t<F> runInMainContext(F &&func) {
  auto fm = FiberManager::getFiberManagerUnsafe();
  if (fm == nullptr) {
    return std::forward<F>(func)();
  }
  return fm->runInMainContext(std::forward<F>(func));
}

} // namespace fibers
} // namespace folly

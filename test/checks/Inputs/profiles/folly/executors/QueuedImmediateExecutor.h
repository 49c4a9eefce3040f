// folly's <folly/executors/QueuedImmediateExecutor.h> and the body of its
// QueuedImmediateExecutor.cpp (folly ff98381ea68687a95c6185326db933aa6124d4c5):
// add() runs the function at once unless it is called from a function this
// executor is running; then it queues it, with the current RequestContext
// (Task::ctx), and the outer add() runs the queue, each task under its own
// context, inside a RequestContextSaverScopeGuard. The real queue is a
// folly::ThreadLocal<std::pair<bool, std::queue<Task>>>; this one is a
// thread_local of the same pair.
#pragma once

#include <folly/Executor.h>
#include <folly/ScopeGuard.h>
#include <folly/executors/InlineExecutor.h>
#include <folly/io/async/Request.h>

#include <memory>
#include <queue>
#include <utility>

namespace folly {

class QueuedImmediateExecutor : public InlineLikeExecutor {
public:
  static QueuedImmediateExecutor &instance() {
    static QueuedImmediateExecutor value;
    return value;
  }

  void add(Func func) override {
    auto &[running, queue] = q_();
    if (running) {
      queue.push(Task{std::move(func), RequestContext::saveContext()});
      return;
    }

    running = true;
    auto cleanup = makeGuard([&r = running] { r = false; });

    // No need to save/restore request context if this is the first call.
    std::exchange(func, {})();

    if (queue.empty()) {
      return;
    }

    RequestContextSaverScopeGuard guard;
    while (!queue.empty()) {
      auto &task = queue.front();
      RequestContext::setContext(std::move(task.ctx));
      task.func();
      queue.pop();
    }
  }

private:
  struct Task {
    Func func;
    std::shared_ptr<RequestContext> ctx;
  };

  using Queue = std::queue<Task>;
  static std::pair</* running */ bool, Queue> &q_() {
    static thread_local std::pair<bool, Queue> q;
    return q;
  }
};

} // namespace folly

// folly d4685d01c (2025), folly/executors/ThreadedExecutor.cpp; reverted the
// same day (49546cd51): ThreadedExecutor at ff98381 is the buggy shape.
// Rule 2: each function runs on a thread of its own, started by the control
// thread, with no context.
#include <folly/Executor.h>
#include <folly/io/async/Request.h>

#include <deque>
#include <memory>
#include <thread>

namespace folly {

class ThreadedExecutor : public Executor {
public:
  void add(Func func) override {
#ifndef FIXED
    controlMessages_.push_back(Message{std::move(func)});
#else
    controlMessages_.push_back(Message{std::move(func), RequestContext::saveContext()});
#endif
  }

private:
  struct Message {
    Func startFunc;
#ifdef FIXED
    std::shared_ptr<RequestContext> context;
#endif
  };

  static void work(Message &message) {
#ifdef FIXED
    RequestContextScopeGuard guard{std::move(message.context)};
#endif
    message.startFunc();
  }

  void control() {
    while (!controlMessages_.empty()) {
      auto msg = std::move(controlMessages_.front());
      controlMessages_.pop_front();
      std::thread([message = std::move(msg)]() mutable { work(message); }).detach();
    }
  }

  std::deque<Message> controlMessages_;
};

} // namespace folly

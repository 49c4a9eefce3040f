// folly a6ddaecc4 (2018), folly/python/AsyncioExecutor.h and
// folly/io/async/NotificationQueue.h
// Rule 3: tryConsume() installs each message's context and drive() never
// restored it: the last task's context stayed current in the caller (the
// Python event loop).
#include <folly/Executor.h>
#include <folly/io/async/Request.h>

#include <deque>
#include <memory>
#include <utility>

namespace folly {

class NotificationQueue {
public:
  bool tryConsume(Func &result) {
    if (queue_.empty())
      return false;
    auto data = std::move(queue_.front());
    queue_.pop_front();
    result = std::move(data.second);
    RequestContext::setContext(std::move(data.first));
    return true;
  }
  template <typename F> void consumeUntilDrained(F &&foreach) {
    while (!queue_.empty()) {
      auto data = std::move(queue_.front());
      queue_.pop_front();
      RequestContextScopeGuard rctx(std::move(data.first));
      foreach(std::move(data.second));
    }
  }

private:
  std::deque<std::pair<std::shared_ptr<RequestContext>, Func>> queue_;
};

class AsyncioExecutor : public Executor {
public:
  void add(Func) override;
  void drive() noexcept {
#ifndef FIXED
    Func func;
    while (queue_.tryConsume(func)) {
      func();
    }
#else
    queue_.consumeUntilDrained([](Func &&func) { func(); });
#endif
  }

private:
  NotificationQueue queue_;
};

} // namespace folly

// folly's <folly/executors/ThreadPoolExecutor.h> and the parts of its
// ThreadPoolExecutor.cpp that carry the RequestContext (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): every Task keeps the context of
// the add() that made it (Task::context_, given
// RequestContext::saveContext() by CPUThreadPoolExecutor::add and
// IOThreadPoolExecutor::add), and runTask() runs the function, the expire
// callback and the function's destructor under a RequestContextScopeGuard
// of it. Threads, observers, stats and the thread factory are left out.
#pragma once

#include <folly/DefaultKeepAliveExecutor.h>
#include <folly/io/async/Request.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

namespace folly {

class ThreadFactory;

class ThreadPoolExecutor : public DefaultKeepAliveExecutor {
public:
  explicit ThreadPoolExecutor(size_t maxThreads, size_t minThreads,
                              std::shared_ptr<ThreadFactory> threadFactory);
  ~ThreadPoolExecutor() override = default;

  void add(Func func) override = 0;
  /// If func doesn't get started within expiration time after it is
  /// enqueued, expireCallback will be run.
  virtual void add(Func func, std::chrono::milliseconds expiration, Func expireCallback) = 0;

  size_t numThreads() const;

protected:
  struct Thread;
  using ThreadPtr = std::shared_ptr<Thread>;

  struct Task {
    struct Expiration {
      std::chrono::milliseconds expiration;
      Func expireCallback;
    };

    Task(Func &&func, std::shared_ptr<folly::RequestContext> context,
         std::chrono::milliseconds expiration, Func &&expireCallback, int8_t pri = 0)
        : func_(std::move(func)), context_(std::move(context)), priority_(pri) {
      if (expiration > std::chrono::milliseconds::zero()) {
        expiration_ = std::make_unique<Expiration>();
        expiration_->expiration = expiration;
        expiration_->expireCallback = std::move(expireCallback);
      }
    }

    int8_t priority() const { return priority_; }

    Func func_;
    std::shared_ptr<folly::RequestContext> context_;
    std::unique_ptr<Expiration> expiration_;

  private:
    int8_t priority_;
  };

  // The running side: the task's own context for everything it runs,
  // including its destructor (func_ = nullptr).
  void runTask(const ThreadPtr & /*thread*/, Task &&task) {
    folly::RequestContextScopeGuard rctx(std::move(task.context_));
    if (task.expiration_ != nullptr && expired(task)) {
      task.func_ = nullptr;
      if (task.expiration_->expireCallback != nullptr) {
        std::exchange(task.expiration_->expireCallback, {})();
      }
    } else {
      std::exchange(task.func_, {})();
    }
  }

private:
  static bool expired(const Task &task);
};

} // namespace folly

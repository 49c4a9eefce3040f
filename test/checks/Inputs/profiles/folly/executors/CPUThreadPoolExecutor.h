// folly's <folly/executors/CPUThreadPoolExecutor.h> and its add() from
// CPUThreadPoolExecutor.cpp (folly ff98381ea68687a95c6185326db933aa6124d4c5):
// every add() makes a CPUTask with RequestContext::saveContext(), which
// ThreadPoolExecutor::runTask() installs. The task queue is a
// std::deque here (a blocking MPMC queue in folly); the constructors with
// thread factories and options are left out but one.
#pragma once

#include <folly/executors/ThreadPoolExecutor.h>

#include <deque>

namespace folly {

class CPUThreadPoolExecutor : public ThreadPoolExecutor {
public:
  struct CPUTask;

  explicit CPUThreadPoolExecutor(size_t numThreads)
      : ThreadPoolExecutor(numThreads, numThreads, nullptr) {}
  CPUThreadPoolExecutor(size_t numThreads, std::shared_ptr<ThreadFactory> threadFactory)
      : ThreadPoolExecutor(numThreads, numThreads, std::move(threadFactory)) {}
  ~CPUThreadPoolExecutor() override = default;

  void add(Func func) override { add(std::move(func), std::chrono::milliseconds(0)); }
  void add(Func func, std::chrono::milliseconds expiration, Func expireCallback = nullptr) override {
    CPUTask task(std::move(func), folly::RequestContext::saveContext(), expiration,
                 std::move(expireCallback), 0);
    taskQueue_.push_back(std::move(task));
  }

  void addWithPriority(Func func, int8_t priority) override {
    add(std::move(func), priority, std::chrono::milliseconds(0));
  }
  virtual void add(Func func, int8_t priority, std::chrono::milliseconds expiration,
                   Func expireCallback = nullptr) {
    CPUTask task(std::move(func), folly::RequestContext::saveContext(), expiration,
                 std::move(expireCallback), priority);
    taskQueue_.push_back(std::move(task));
  }

  uint8_t getNumPriorities() const override { return 1; }

  struct CPUTask : public ThreadPoolExecutor::Task {
    CPUTask(Func &&f, std::shared_ptr<folly::RequestContext> context,
            std::chrono::milliseconds expiration, Func &&expireCallback, int8_t pri)
        : Task(std::move(f), std::move(context), expiration, std::move(expireCallback), pri) {}
  };

private:
  std::deque<CPUTask> taskQueue_;
};

} // namespace folly

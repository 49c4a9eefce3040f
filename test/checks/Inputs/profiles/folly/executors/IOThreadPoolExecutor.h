// folly's <folly/executors/IOThreadPoolExecutor.h> (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): add() (IOThreadPoolExecutor.cpp)
// makes a Task with RequestContext::saveContext() and hands a function that
// runs it through ThreadPoolExecutor::runTask() to a thread's
// EventBase::runInEventBaseThread(), which saves the context again. Only the
// declarations: the default arguments (a NamedThreadFactory,
// EventBaseManager::get(), Options()) are simplified.
#pragma once

#include <folly/executors/IOExecutor.h>
#include <folly/executors/ThreadPoolExecutor.h>

#include <vector>

namespace folly {

class EventBaseManager;

class IOThreadPoolExecutorBase : public ThreadPoolExecutor, public IOExecutor {
public:
  using ThreadPoolExecutor::ThreadPoolExecutor;
  ~IOThreadPoolExecutorBase() override = default;
  folly::EventBase *getEventBase() override = 0;
  virtual std::vector<folly::Executor::KeepAlive<folly::EventBase>> getAllEventBases() = 0;
};

class IOThreadPoolExecutor : public IOThreadPoolExecutorBase {
public:
  struct Options {};

  explicit IOThreadPoolExecutor(size_t numThreads,
                                std::shared_ptr<ThreadFactory> threadFactory = nullptr,
                                folly::EventBaseManager *ebm = nullptr,
                                Options options = Options());
  ~IOThreadPoolExecutor() override;

  void add(Func func) override;
  void add(Func func, std::chrono::milliseconds expiration, Func expireCallback = nullptr) override;

  folly::EventBase *getEventBase() override;
  std::vector<folly::Executor::KeepAlive<folly::EventBase>> getAllEventBases() override;
};

} // namespace folly

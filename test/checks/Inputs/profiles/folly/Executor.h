// The part of folly's <folly/Executor.h> that co_viaIfAsync takes, with the
// real names: folly::Executor and its nested KeepAlive<ExecutorT = Executor>,
// implicitly made from an executor pointer. The reference counting is left
// out.
#pragma once

#include <functional>

namespace folly {

using Func = std::function<void()>;

class Executor {
public:
  virtual ~Executor() = default;
  virtual void add(Func) = 0;

  template <typename ExecutorT = Executor> class KeepAlive {
  public:
    KeepAlive() = default;
    template <typename OtherExecutor>
    /* implicit */ KeepAlive(OtherExecutor *executor) : executor_(executor) {}
    ExecutorT *get() const { return executor_; }

  private:
    ExecutorT *executor_ = nullptr;
  };
};

} // namespace folly

// folly's <folly/Executor.h> (folly ff98381ea68687a95c6185326db933aa6124d4c5):
// folly::Func (a folly::Function<void()>), folly::Executor with add(),
// addWithPriority(), the priorities and getKeepAliveToken(), and
// folly::ExecutorKeepAlive (Executor::KeepAlive<ExecutorT>), implicitly made
// from an executor pointer. The reference counting is left out: a KeepAlive
// holds the pointer.
//
// An Executor does not propagate folly::RequestContext by itself: each
// implementation decides (executors/*.h and io/async/EventBase.h say what
// folly's do).
#pragma once

#include <folly/Function.h>

#include <climits>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace folly {

using Func = Function<void()>;

class Executor;

template <typename ExecutorT = Executor> class ExecutorKeepAlive {
public:
  ExecutorKeepAlive() = default;
  /* implicit */ ExecutorKeepAlive(ExecutorT *executor) : executor_(executor) {}
  template <typename OtherExecutor,
            typename = std::enable_if_t<std::is_convertible_v<OtherExecutor *, ExecutorT *>>>
  /* implicit */ ExecutorKeepAlive(ExecutorKeepAlive<OtherExecutor> &&other) noexcept
      : executor_(other.get()) {}

  explicit operator bool() const { return executor_ != nullptr; }
  ExecutorT *get() const { return executor_; }
  ExecutorT &operator*() const { return *get(); }
  ExecutorT *operator->() const { return get(); }
  ExecutorKeepAlive copy() const { return ExecutorKeepAlive(executor_); }
  void reset() noexcept { executor_ = nullptr; }

private:
  ExecutorT *executor_ = nullptr;
};

class Executor {
public:
  virtual ~Executor() = default;

  /// Enqueue a function to be executed by this executor.
  virtual void add(Func) = 0;

  /// Enqueue a function with a given priority, where 0 is the medium priority.
  /// (Executor.cpp's default throws: not every executor has priorities.)
  virtual void addWithPriority(Func, int8_t priority);

  virtual uint8_t getNumPriorities() const { return 1; }

  static constexpr int8_t LO_PRI = SCHAR_MIN;
  static constexpr int8_t MID_PRI = 0;
  static constexpr int8_t HI_PRI = SCHAR_MAX;

  template <typename ExecutorT = Executor> using KeepAlive = ExecutorKeepAlive<ExecutorT>;

  template <typename ExecutorT> static KeepAlive<ExecutorT> getKeepAliveToken(ExecutorT *executor) {
    static_assert(std::is_base_of<Executor, ExecutorT>::value,
                  "getKeepAliveToken only works for folly::Executor implementations.");
    return KeepAlive<ExecutorT>(executor);
  }
  template <typename ExecutorT> static KeepAlive<ExecutorT> getKeepAliveToken(ExecutorT &executor) {
    return getKeepAliveToken(&executor);
  }

protected:
  virtual bool keepAliveAcquire() noexcept { return false; }
  virtual void keepAliveRelease() noexcept {}
};

template <typename ExecutorT>
Executor::KeepAlive<ExecutorT> getKeepAliveToken(ExecutorT *executor) {
  return Executor::getKeepAliveToken(executor);
}
template <typename ExecutorT>
Executor::KeepAlive<ExecutorT> getKeepAliveToken(ExecutorT &executor) {
  return Executor::getKeepAliveToken(executor);
}

} // namespace folly

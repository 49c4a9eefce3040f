// folly's <folly/executors/ScheduledExecutor.h> (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): add() later, at a time point.
#pragma once

#include <folly/Executor.h>

#include <chrono>
#include <utility>

namespace folly {

class ScheduledExecutor : public virtual Executor {
public:
  using Duration = std::chrono::microseconds;
  using TimePoint = std::chrono::steady_clock::time_point;

  ~ScheduledExecutor() override = default;

  void add(Func) override = 0;
  void schedule(Func &&a, Duration const &dur) { scheduleAt(std::move(a), now() + dur); }
  virtual void scheduleAt(Func && /* a */, TimePoint const & /* t */) {}
  virtual TimePoint now() { return std::chrono::steady_clock::now(); }
};

} // namespace folly

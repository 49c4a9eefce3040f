// folly e72f5c7bb (2020), folly/io/async/HHWheelTimer.cpp, AsyncTimeout.h
// Rule 4: the wheel reuses one AsyncTimeout for all its callbacks, and
// scheduling it took the current context by default: request A's context
// stayed alive as long as request B's timeout was pending.
#include <folly/io/async/AsyncTimeout.h>
#include <folly/io/async/Request.h>

#include <chrono>

namespace folly {

class WheelTimer : private AsyncTimeout {
public:
  explicit WheelTimer(TimeoutManager *manager) : AsyncTimeout(manager) {}

  void scheduleTimeoutInternal(std::chrono::milliseconds timeout) {
#ifndef FIXED
    this->AsyncTimeout::scheduleTimeout(timeout);
#else
    this->AsyncTimeout::scheduleTimeout(timeout, {});
#endif
  }

private:
  void timeoutExpired() noexcept override;
};

} // namespace folly

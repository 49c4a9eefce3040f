// folly 030a288b5 (2020), folly/fibers/FiberManager.cpp
// Rule 4: a periodic timer first scheduled lazily on a request's path took
// that request's context (HHWheelTimer::scheduleTimeout saves it) and kept
// it alive for ever, rescheduling itself each time.
#include <folly/io/async/HHWheelTimer.h>
#include <folly/io/async/Request.h>

#include <chrono>
#include <memory>

namespace folly::fibers {

class FiberManager;
void doFibersPoolResizing(FiberManager &fm);

class FibersPoolResizer final : public HHWheelTimer::Callback {
public:
  FibersPoolResizer(FiberManager &fm, HHWheelTimer &timer) : fiberManager_(fm), timer_(timer) {}
  void timeoutExpired() noexcept override { run(); }

  void run() {
    doFibersPoolResizing(fiberManager_);
#ifdef FIXED
    RequestContextScopeGuard rctxGuard(std::shared_ptr<RequestContext>{});
#endif
    timer_.scheduleTimeout(this, std::chrono::milliseconds(1000));
  }

private:
  FiberManager &fiberManager_;
  HHWheelTimer &timer_;
};

} // namespace folly::fibers

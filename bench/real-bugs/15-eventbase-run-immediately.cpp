// folly 3279f7879 (2025), folly/io/async/EventBase.cpp, EventHandler.cpp
// Rule 3: entry points that run a user callback inline on the loop thread
// (runImmediatelyOrRunInEventBaseThread, the fd handler, the loop observer,
// destruction callbacks) let it leave a context behind.
#include <folly/Executor.h>
#include <folly/io/async/Request.h>

namespace folly {

class EventBase {
public:
  void runImmediatelyOrRunInEventBaseThread(Func fn) noexcept {
    if (isInEventBaseThread()) {
#ifdef FIXED
      RequestContextSaverScopeGuard rctxGuard;
#endif
      fn();
    } else {
      runInEventBaseThreadAlwaysEnqueue(static_cast<Func &&>(fn));
    }
  }

private:
  bool isInEventBaseThread() const;
  void runInEventBaseThreadAlwaysEnqueue(Func fn) noexcept;
};

} // namespace folly

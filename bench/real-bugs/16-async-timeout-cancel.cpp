// folly acbd746f5 (2017), folly/io/async/AsyncTimeout.cpp
// Rule 4: scheduleTimeout() kept the current context in context_, and
// cancelTimeout() did not drop it: a timeout object reused across requests
// (a connection's idle timer) kept the last request's context alive until
// the next request.
#include <folly/io/async/Request.h>

#include <memory>

namespace folly {

class AsyncTimeout {
public:
  virtual ~AsyncTimeout() = default;
  virtual void timeoutExpired() noexcept = 0;

  bool scheduleTimeout(int milliseconds) {
    context_ = RequestContext::saveContext();
    scheduled_ = schedule(milliseconds);
    return scheduled_;
  }

  void cancelTimeout() {
    if (scheduled_) {
      unschedule();
      scheduled_ = false;
#ifdef FIXED
      context_.reset();
#endif
    }
  }

private:
  bool schedule(int milliseconds);
  void unschedule();
  bool scheduled_ = false;
  std::shared_ptr<RequestContext> context_;
};

} // namespace folly

// folly's <folly/io/async/AsyncTimeout.h> and the RequestContext parts of
// AsyncTimeout.cpp (folly ff98381ea68687a95c6185326db933aa6124d4c5):
// scheduleTimeout() keeps the context it is given in context_, by default
// RequestContext::saveContext(): the current one, captured implicitly (pass
// an empty one, `{}` or nullptr, to keep none). When the timeout fires,
// timeoutExpired() runs under a RequestContextScopeGuard of context_
// (AsyncTimeout.cpp:141, libeventCallback); cancelTimeout() drops it
// (AsyncTimeout.cpp:84, the fix of 2017). Firing does not drop it: the
// object keeps the last context until it is rescheduled, cancelled or
// destroyed. The event machinery is left out.
#pragma once

#include <folly/io/async/Request.h>
#include <folly/io/async/TimeoutManager.h>

#include <cstdint>
#include <memory>
#include <utility>

namespace folly {

class EventBase;

class AsyncTimeout {
public:
  using InternalEnum = TimeoutManager::InternalEnum;

  explicit AsyncTimeout(TimeoutManager *timeoutManager) : timeoutManager_(timeoutManager) {}
  explicit AsyncTimeout(EventBase *eventBase);
  AsyncTimeout(TimeoutManager *timeoutManager, InternalEnum /*internal*/)
      : timeoutManager_(timeoutManager) {}
  AsyncTimeout(EventBase *eventBase, InternalEnum internal);
  AsyncTimeout() = default;

  AsyncTimeout(const AsyncTimeout &) = delete;
  AsyncTimeout &operator=(const AsyncTimeout &) = delete;

  virtual ~AsyncTimeout() { cancelTimeout(); }

  /// timeoutExpired() is invoked when the timeout period has expired.
  virtual void timeoutExpired() noexcept = 0;

  /// @param rctx request context to be captured by the callback; set to
  ///             empty if current context should not be saved.
  bool scheduleTimeout(uint32_t milliseconds,
                       std::shared_ptr<RequestContext> &&rctx = RequestContext::saveContext()) {
    return scheduleTimeout(TimeoutManager::timeout_type(milliseconds), std::move(rctx));
  }
  bool scheduleTimeout(TimeoutManager::timeout_type timeout,
                       std::shared_ptr<RequestContext> &&rctx = RequestContext::saveContext()) {
    context_ = std::move(rctx);
    scheduled_ = true;
    return timeoutManager_->scheduleTimeout(this, timeout);
  }
  bool scheduleTimeoutHighRes(TimeoutManager::timeout_type_high_res timeout,
                              std::shared_ptr<RequestContext> &&rctx =
                                  RequestContext::saveContext()) {
    context_ = std::move(rctx);
    scheduled_ = true;
    return timeoutManager_->scheduleTimeoutHighRes(this, timeout);
  }

  /// Cancel the timeout, if it is running.
  void cancelTimeout() {
    if (isScheduled()) {
      timeoutManager_->cancelTimeout(this);
      scheduled_ = false;
      context_.reset();
    }
  }

  bool isScheduled() const { return scheduled_; }

private:
  // What libevent calls when the timeout fires (libevent_fd_t is an int on
  // Linux).
  static void libeventCallback(int /*fd*/, short /*events*/, void *arg) {
    auto timeout = reinterpret_cast<AsyncTimeout *>(arg);
    timeout->scheduled_ = false;
    RequestContextScopeGuard rctx(timeout->context_);
    timeout->timeoutExpired();
  }

  TimeoutManager *timeoutManager_ = nullptr;
  bool scheduled_ = false;

  // The RequestContext active when the timeout was scheduled.
  std::shared_ptr<RequestContext> context_;
};

} // namespace folly

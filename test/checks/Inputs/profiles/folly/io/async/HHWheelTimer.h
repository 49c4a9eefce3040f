// folly's <folly/io/async/HHWheelTimer.h> and the RequestContext parts of
// HHWheelTimer.cpp (folly ff98381ea68687a95c6185326db933aa6124d4c5):
// scheduleTimeout(callback, timeout) keeps RequestContext::saveContext() in
// the callback's requestContext_ (HHWheelTimer.cpp:155), always: the current
// context, captured implicitly (schedule under
// RequestContextScopeGuard{std::shared_ptr<RequestContext>{}} to keep none);
// scheduleTimeoutFn wraps a function in a Callback that deletes itself.
// Expiry runs timeoutExpired() under a RequestContextScopeGuard of
// requestContext_ (HHWheelTimer.cpp:287), which it copies: neither running
// nor Callback::cancelTimeout() drops it, so a Callback object keeps the
// last context it was scheduled in until it is scheduled again or
// destroyed. The wheel's own AsyncTimeout is scheduled with an empty context
// (HHWheelTimer.cpp scheduleTimeoutInternal, the fix of 2020). The buckets
// are a plain list here; DelayedDestruction is left out.
#pragma once

#include <folly/io/async/AsyncTimeout.h>
#include <folly/io/async/Request.h>

#include <chrono>
#include <list>
#include <memory>
#include <utility>

namespace folly {

template <class Duration> class HHWheelTimerBase : private folly::AsyncTimeout {
public:
  /// A callback to be notified when a timeout has expired.
  class Callback {
  public:
    Callback() = default;
    virtual ~Callback() { cancelTimeout(); }

    /// timeoutExpired() is invoked when the timeout has expired.
    virtual void timeoutExpired() noexcept = 0;

    /// This callback was canceled. The default implementation is to just
    /// proxy to `timeoutExpired`.
    virtual void callbackCanceled() noexcept { timeoutExpired(); }

    /// Cancel the timeout, if it is running.
    void cancelTimeout() {
      if (wheel_ == nullptr) {
        return;
      }
      cancelTimeoutImpl();
    }

    bool isScheduled() const { return wheel_ != nullptr; }

  private:
    void cancelTimeoutImpl() {
      wheel_->callbacks_.remove(this);
      wheel_ = nullptr;
    }

    HHWheelTimerBase *wheel_{nullptr};

    std::shared_ptr<RequestContext> requestContext_;

    friend class HHWheelTimerBase;
  };

  explicit HHWheelTimerBase(folly::TimeoutManager *timeoutMananger,
                            Duration intervalDuration = Duration(10),
                            AsyncTimeout::InternalEnum internal = AsyncTimeout::InternalEnum::NORMAL,
                            Duration defaultTimeoutDuration = Duration(-1))
      : AsyncTimeout(timeoutMananger, internal), defaultTimeout_(defaultTimeoutDuration),
        interval_(intervalDuration) {}

  Duration getDefaultTimeout() const { return defaultTimeout_; }

  /// Schedule the specified Callback to be invoked after the specified
  /// timeout interval. If the callback is already scheduled, this cancels
  /// the existing timeout before scheduling the new timeout.
  void scheduleTimeout(Callback *callback, Duration timeout) {
    callback->cancelTimeout();
    callback->requestContext_ = RequestContext::saveContext();
    callback->wheel_ = this;
    callbacks_.push_back(callback);
    this->AsyncTimeout::scheduleTimeout(std::chrono::duration_cast<std::chrono::milliseconds>(timeout), {});
  }
  void scheduleTimeout(Callback *callback) { scheduleTimeout(callback, defaultTimeout_); }

  template <class F> void scheduleTimeoutFn(F fn, Duration timeout) {
    struct Wrapper : Callback {
      Wrapper(F f) : fn_(std::move(f)) {}
      void timeoutExpired() noexcept override {
        try {
          fn_();
        } catch (...) {
        }
        delete this;
      }
      F fn_;
    };
    Wrapper *w = new Wrapper(std::move(fn));
    scheduleTimeout(w, timeout);
  }

  size_t count() const { return callbacks_.size(); }

private:
  // Runs the callbacks that are due (all of them here).
  void timeoutExpired() noexcept override {
    while (!callbacks_.empty()) {
      Callback *cb = callbacks_.front();
      callbacks_.pop_front();
      cb->wheel_ = nullptr;
      RequestContextScopeGuard rctx(cb->requestContext_);
      cb->timeoutExpired();
    }
  }

  Duration defaultTimeout_;
  Duration interval_;
  std::list<Callback *> callbacks_;
};

using HHWheelTimer = HHWheelTimerBase<std::chrono::milliseconds>;
using HHWheelTimerHighRes = HHWheelTimerBase<std::chrono::microseconds>;

} // namespace folly

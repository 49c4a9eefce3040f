// folly's <folly/io/async/EventBase.h> and the RequestContext parts of
// EventBase.cpp and EventBaseAtomicNotificationQueue (folly
// ff98381ea68687a95c6185326db933aa6124d4c5). What the loop does with the
// context:
// - runInLoop(callback, thisIteration, rctx = RequestContext::saveContext())
//   keeps rctx in the LoopCallback's context_ (EventBase.cpp:887): the
//   current context, captured implicitly unless the caller passes one
//   (nullptr keeps none). runInLoop(Func) always saves it (EventBase.cpp:898).
// - The loop runs the callbacks under one RequestContextSaverScopeGuard,
//   each after setContext(std::move(callback->context_)), so a callback's
//   context_ is dropped when it runs (EventBase.cpp:1054-1067);
//   cancelLoopCallback() drops it too (EventBase.h:166).
// - runInEventBaseThread(fn) queues fn with RequestContext::saveContext()
//   (AtomicNotificationQueue-inl.h:125, or runInLoop when already on the
//   loop's thread) and runs it under a RequestContextScopeGuard of it
//   (AtomicNotificationQueue-inl.h:257); runInEventBaseThreadAlwaysEnqueue
//   likewise, or with the context given; add() is runInEventBaseThread.
// - runImmediatelyOrRunInEventBaseThread[AndWait] run fn at once on the
//   loop's thread, under a RequestContextSaverScopeGuard
//   (EventBase.cpp:1018, 1027), else as runInEventBaseThread.
// Threads, libevent, the notification queue's fd and the observers are left
// out: the queue is a std::deque here and loopOnce() runs what is queued.
#pragma once

#include <folly/Executor.h>
#include <folly/executors/DrivableExecutor.h>
#include <folly/executors/IOExecutor.h>
#include <folly/executors/ScheduledExecutor.h>
#include <folly/executors/SequencedExecutor.h>
#include <folly/io/async/HHWheelTimer.h>
#include <folly/io/async/Request.h>
#include <folly/io/async/TimeoutManager.h>

#include <deque>
#include <list>
#include <memory>
#include <utility>

namespace folly {

class EventBase : public TimeoutManager,
                  public DrivableExecutor,
                  public IOExecutor,
                  public SequencedExecutor,
                  public ScheduledExecutor {
public:
  using Func = folly::Function<void()>;

  /// A callback interface to use with runInLoop(). If a LoopCallback object
  /// is destroyed while it is scheduled, it is cancelled.
  class LoopCallback {
  public:
    virtual ~LoopCallback() { unlink(); }

    virtual void runLoopCallback() noexcept = 0;
    void cancelLoopCallback() {
      context_.reset();
      unlink();
    }

    bool isLoopCallbackScheduled() const { return list_ != nullptr; }

  private:
    void unlink() {
      if (list_ != nullptr) {
        list_->remove(this);
        list_ = nullptr;
      }
    }

    friend class EventBase;
    std::list<LoopCallback *> *list_ = nullptr;
    std::shared_ptr<RequestContext> context_;
  };

  class FunctionLoopCallback : public LoopCallback {
  public:
    explicit FunctionLoopCallback(Func &&function) : function_(std::move(function)) {}
    void runLoopCallback() noexcept override {
      function_();
      delete this;
    }

  private:
    Func function_;
  };

  EventBase();
  ~EventBase() override;

  bool loop();
  bool loopOnce(int flags = 0) {
    (void)flags;
    runLoopCallbacks();
    runQueuedFunctions();
    return true;
  }
  void loopForever();
  void terminateLoopSoon();

  /// Adds the given callback to a queue of things run after the current
  /// pass through the event loop completes. Only from the loop's thread.
  void runInLoop(LoopCallback *callback, bool thisIteration = false,
                 std::shared_ptr<RequestContext> rctx = RequestContext::saveContext()) {
    (void)thisIteration;
    callback->cancelLoopCallback();
    callback->context_ = std::move(rctx);
    loopCallbacks_.push_back(callback);
    callback->list_ = &loopCallbacks_;
  }

  /// Convenience function to call runInLoop() with a folly::Function.
  void runInLoop(Func c, bool thisIteration = false) {
    (void)thisIteration;
    auto wrapper = new FunctionLoopCallback(std::move(c));
    wrapper->context_ = RequestContext::saveContext();
    loopCallbacks_.push_back(wrapper);
    wrapper->list_ = &loopCallbacks_;
  }

  void runOnDestruction(Func f);
  void runBeforeLoop(LoopCallback *callback);
  void runAfterLoop(LoopCallback *callback);

  /// Run the specified function in the EventBase's thread. Thread-safe.
  void runInEventBaseThread(Func fn) noexcept {
    if (inRunningEventBaseThread()) {
      runInLoop(std::move(fn));
      return;
    }
    queue_.emplace_back(RequestContext::saveContext(), std::move(fn));
  }
  void runInEventBaseThreadAlwaysEnqueue(Func fn) noexcept {
    queue_.emplace_back(RequestContext::saveContext(), std::move(fn));
  }
  /// This version takes a RequestContext which will be in scope when the
  /// function is invoked.
  void runInEventBaseThreadAlwaysEnqueue(std::shared_ptr<RequestContext> &&ctx, Func fn) noexcept {
    queue_.emplace_back(std::move(ctx), std::move(fn));
  }

  /// Like runInEventBaseThread, but the caller waits for the callback to be
  /// executed.
  void runInEventBaseThreadAndWait(Func fn) noexcept;

  /// Like runInEventBaseThreadAndWait, except if the caller is already in
  /// the event base thread, the functor is simply run inline.
  void runImmediatelyOrRunInEventBaseThreadAndWait(Func fn) noexcept {
    if (isInEventBaseThread()) {
      RequestContextSaverScopeGuard rctxGuard;
      fn();
    } else {
      runInEventBaseThreadAndWait(std::move(fn));
    }
  }

  /// Like runInEventBaseThread, but runs function immediately instead of at
  /// the end of the loop when called from the eventbase thread.
  void runImmediatelyOrRunInEventBaseThread(Func fn) noexcept {
    if (isInEventBaseThread()) {
      RequestContextSaverScopeGuard rctxGuard;
      fn();
    } else {
      runInEventBaseThreadAlwaysEnqueue(std::move(fn));
    }
  }

  bool isInEventBaseThread() const;
  bool inRunningEventBaseThread() const;

  HHWheelTimer &timer();

  /// Implements the Executor interface.
  void add(Func fn) override { runInEventBaseThread(std::move(fn)); }

  /// Implements the DrivableExecutor interface.
  void drive() override { loopOnce(); }

  /// Implements the IOExecutor interface.
  EventBase *getEventBase() override { return this; }

  /// Implements the ScheduledExecutor interface.
  void scheduleAt(Func &&fn, TimePoint const &timeout) override;

  // TimeoutManager
  void attachTimeoutManager(AsyncTimeout *obj, TimeoutManager::InternalEnum internal) final;
  void detachTimeoutManager(AsyncTimeout *obj) final;
  bool scheduleTimeout(AsyncTimeout *obj, TimeoutManager::timeout_type timeout) final;
  bool scheduleTimeoutHighRes(AsyncTimeout *obj,
                              TimeoutManager::timeout_type_high_res timeout) final;
  void cancelTimeout(AsyncTimeout *obj) final;
  void bumpHandlingTime() final;
  bool isInTimeoutManagerThread() final { return isInEventBaseThread(); }

private:
  // swapAndRunLoopCallbackList: one saver guard for the pass, each callback
  // under its own context.
  void runLoopCallbacks() {
    std::list<LoopCallback *> currentCallbacks;
    currentCallbacks.swap(loopCallbacks_);
    RequestContextSaverScopeGuard ctxGuard;
    while (!currentCallbacks.empty()) {
      LoopCallback *callback = currentCallbacks.front();
      currentCallbacks.pop_front();
      callback->list_ = nullptr;
      RequestContext::setContext(std::move(callback->context_));
      callback->runLoopCallback();
    }
  }

  // AtomicNotificationQueue's consumer: each function, and its destructor,
  // under the context it was queued with.
  void runQueuedFunctions() {
    while (!queue_.empty()) {
      auto item = std::move(queue_.front());
      queue_.pop_front();
      RequestContextScopeGuard rcsg(std::move(item.first));
      item.second();
      item.second = nullptr;
    }
  }

  std::list<LoopCallback *> loopCallbacks_;
  std::deque<std::pair<std::shared_ptr<RequestContext>, Func>> queue_;
};

} // namespace folly

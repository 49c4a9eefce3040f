// Two idioms of folly's executors through the folly profile.
//
// Rule 2: an executor's storing side keeps a
// snapshot with each item. folly's ThreadedExecutor, ManualExecutor and
// TimedDrivableExecutor keep none by design (the profile names their `add`
// SPAWN: a callable given to them starts with no context), so their own code
// is not held to rule 2; another executor with the same body is. The classes
// keep folly's real names and signatures (folly/executors/ThreadedExecutor.h
// at ff98381: `void add(Func func) override;`, the body as in
// ThreadedExecutor.cpp:44 with a deque for the control queue).
//
// RUN: %check_asyncctx --std=c++20 -I %S/Inputs/profiles %s 'asyncctx-*' %t -- \
// RUN:   --config="{CheckOptions: {asyncctx.Profiles: 'folly'}}"

#include <folly/Executor.h>
#include <folly/io/async/Request.h>

#include <deque>
#include <memory>
#include <utility>

namespace folly {

class ThreadedExecutor : public virtual folly::Executor {
public:
  void add(Func func) override { controlMessages_.push_back(std::move(func)); }

private:
  std::deque<Func> controlMessages_;
};

} // namespace folly

// The same body in an executor the profile says nothing about.
class BadExecutor : public folly::Executor {
public:
  void add(folly::Func func) override { queue_.push_back(std::move(func)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:58: warning: 'add' keeps callable 'func' in 'queue_' without a snapshot of the current context: it runs later in whatever context runs the queue, not in the one it was given in [asyncctx-lost-context]
  // CHECK-MESSAGES: Executor.h:46:7: note: 'Executor' is an executor: it carries the context to the work it runs
  // CHECK-MESSAGES: :[[@LINE-3]]:58: note: keep a snapshot of the context with it (a SNAPSHOT of the store, or the store's BIND around it), and run it under that snapshot

private:
  std::deque<folly::Func> queue_;
};

// The correct form: a snapshot with each item.
class GoodExecutor : public folly::Executor {
public:
  void add(folly::Func func) override {
    queue_.emplace_back(std::move(func), folly::RequestContext::saveContext());
  }

private:
  std::deque<std::pair<folly::Func, std::shared_ptr<folly::RequestContext>>> queue_;
};

// The running side's install of an item's saved context, in a template whose
// item type is not known yet (folly's NotificationQueue<MessageT>::tryConsume,
// NotificationQueue.h:439: `RequestContext::setContext(std::move(data->ctx_))`
// with `data` a `std::unique_ptr<Node>`): the context the item carries, left to
// the deferred-work rules, not an unscoped enter.
template <typename MessageT> class NotificationQueue {
  struct Node {
    MessageT msg_;
    std::shared_ptr<folly::RequestContext> ctx_;
  };

public:
  bool tryConsume(MessageT &result) {
    if (queue_.empty())
      return false;
    std::unique_ptr<Node> data = std::move(queue_.front());
    queue_.pop_front();
    result = std::move(data->msg_);
    folly::RequestContext::setContext(std::move(data->ctx_));
    return true;
  }

  // A context of the queue's own, not an item's: an unscoped enter.
  bool bad_own_context() {
    folly::RequestContext::setContext(ownContext_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'setContext' makes a value current in store 'folly::RequestContext' with no scope; use 'folly::RequestContextScopeGuard' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix-it: store 'folly::RequestContext' has no run() to rewrite into
    return true;
  }

private:
  std::deque<std::unique_ptr<Node>> queue_;
  std::shared_ptr<folly::RequestContext> ownContext_;
};

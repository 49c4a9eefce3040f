// Rule 2 of "Deferred work": an executor carries what it is given. A class
// annotated ASYNCCTX_EXECUTOR (and every class derived from one) runs the
// callables given to its members later; its storing side must keep a
// snapshot of the context with each (the reference store's bind), and where
// an item carries a context, its work runs under it. A callable handed to an
// executor needs no bind: the executor carries it (its code is checked here).
//
// RUN: %check_asyncctx --std=c++17 %s asyncctx-lost-context,asyncctx-read-outside-run %t

#include "asyncctx/context_store.h"

#include <deque>
#include <functional>
#include <string>
#include <utility>

struct Claims {
  std::string user;
};
asyncctx::context_store<Claims> claims_storage;

std::string current_user() {
  const Claims *claims = claims_storage.get_store();
  return claims ? claims->user : "anonymous";
}
void audit(const std::string &user);

class ASYNCCTX_EXECUTOR Executor {
public:
  virtual ~Executor() = default;
  virtual void add(std::function<void()> fn) = 0;
};

class BadPool : public Executor {
public:
  void add(std::function<void()> fn) override { queue_.push_back(std::move(fn)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:66: warning: 'add' keeps callable 'fn' in 'queue_' without a snapshot of the current context: it runs later in whatever context runs the queue, not in the one it was given in [asyncctx-lost-context]
  // CHECK-MESSAGES: :28:25: note: 'Executor' is an executor: it carries the context to the work it runs
  // CHECK-MESSAGES: :[[@LINE-3]]:66: note: keep a snapshot of the context with it (a SNAPSHOT of the store, or the store's BIND around it), and run it under that snapshot
  void drain() {
    for (auto &fn : queue_)
      fn();
    queue_.clear();
  }

private:
  std::deque<std::function<void()>> queue_;
};

class GoodBoundPool : public Executor {
public:
  void add(std::function<void()> fn) override {
    queue_.push_back(claims_storage.bind(std::move(fn)));
  }
  void drain() {
    for (auto &fn : queue_)
      fn();
    queue_.clear();
  }

private:
  std::deque<std::function<void()>> queue_;
};

// A pool that keeps the claims with each task and installs them where it
// runs the task: every callable of the task runs under them.
struct Task {
  std::function<void()> fn;
  std::function<void()> on_expire;
  Claims claims;
  bool expired = false;
};

class TaskRunner {
public:
  void bad_run(Task &task) {
    if (task.expired) {
      task.on_expire();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'bad_run' runs 'on_expire' of 'task' outside the context of store 'claims_storage' that 'task' carries [asyncctx-lost-context]
      // CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'task' carries a context that 'bad_run' installs for its other work
      return;
    }
    asyncctx::scope<Claims> scope(claims_storage, task.claims);
    task.fn();
  }
  void good_run(Task &task) {
    asyncctx::scope<Claims> scope(claims_storage, task.claims);
    if (task.expired)
      task.on_expire();
    else
      task.fn();
  }
  void good_run_in_run(Task &task) {
    claims_storage.run(task.claims, [&] { task.fn(); });
  }
};

// A caller: a callable handed to an executor is carried, read or not.
void handler(Executor &executor, Claims claims) {
  claims_storage.run(claims, [&] {
    executor.add([] { audit(current_user()); });
  });
}

// Rule 3 of "Deferred work": work you do not know is isolated. A function
// that takes items of work from a queue and runs them is running work for
// others: when a context it installed with no scope (enter_with) is current
// as an item runs, and nothing in the function puts the previous value back,
// what the item leaves current stays for the next item and for the caller.
// Correct: a scope per item (a guard, run), or a restore after it. On the
// reference store, with the real standard library.
//
// RUN: %check_asyncctx --std=c++17 %s asyncctx-invocation-leak,asyncctx-enter-with %t

#include "asyncctx/context_store.h"

#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

struct Claims {
  std::string user;
};
asyncctx::context_store<Claims> claims_storage;

struct Task {
  Claims claims;
  std::function<void()> fn;
};

class Loop {
public:
  void bad_run_all() {
    while (!queue_.empty()) {
      Task task = std::move(queue_.front());
      queue_.pop_front();
      claims_storage.enter_with(task.claims);
      task.fn();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'bad_run_all' runs 'fn' of an item taken from a queue while the context that 'enter_with' installed in store 'claims_storage' has no scope: what the work leaves current stays for the next item and the caller [asyncctx-invocation-leak]
      // CHECK-MESSAGES: :[[@LINE-3]]:22: note: the context is installed here
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: run each item in a scope that puts the previous context back
    }
  }

  // The items swapped out of the queue, run in a range-for.
  void bad_swapped() {
    std::deque<Task> tasks;
    tasks.swap(queue_);
    for (Task &task : tasks) {
      claims_storage.enter_with(task.claims);
      task.fn();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'bad_swapped' runs 'fn' of an item taken from a queue while the context that 'enter_with' installed in store 'claims_storage' has no scope: what the work leaves current stays for the next item and the caller [asyncctx-invocation-leak]
      // CHECK-MESSAGES: :[[@LINE-3]]:22: note: the context is installed here
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: run each item in a scope that puts the previous context back
    }
  }

  // A helper installs the item's context, the loop runs the item.
  void install(Task &task) { claims_storage.enter_with(task.claims); }
  void bad_installed_by_a_helper() {
    for (Task &task : queue_) {
      install(task);
      task.fn();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'bad_installed_by_a_helper' runs 'fn' of an item taken from a queue while the context that 'enter_with' installed in store 'claims_storage' has no scope: what the work leaves current stays for the next item and the caller [asyncctx-invocation-leak]
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: the context is installed through this call
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: run each item in a scope that puts the previous context back
    }
  }

  void good_guard_per_item() {
    while (!queue_.empty()) {
      Task task = std::move(queue_.front());
      queue_.pop_front();
      asyncctx::scope<Claims> scope(claims_storage, task.claims);
      task.fn();
    }
  }

  void good_run_per_item() {
    for (Task &task : queue_)
      claims_storage.run(task.claims, task.fn);
  }

  void good_restored_after() {
    for (Task &task : queue_) {
      claims_storage.enter_with(task.claims);
      task.fn();
      claims_storage.disable();
    }
  }

  // Running a callable the function was given is not running a queue.
  void good_given(Task &task) {
    claims_storage.enter_with(task.claims);
    task.fn();
    claims_storage.disable();
  }

private:
  std::deque<Task> queue_;
};

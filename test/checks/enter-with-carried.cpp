// enter_with of a value that an item of work carries, in the function that
// runs that item's work, is the running side of an executor: the deferred-work
// rules judge it (asyncctx-lost-context, asyncctx-invocation-leak), not this
// check. Every other enter_with is this check's, also one whose value is a
// member of a request (`req.claims`): that is no carried context.
//
// RUN: %check_asyncctx --std=c++17 %s asyncctx-enter-with %t

#include "asyncctx/context_store.h"

#include <deque>
#include <functional>
#include <string>
#include <utility>

struct Claims {
  std::string user;
};
struct Request {
  Claims claims;
};
struct Task {
  std::function<void()> fn;
  Claims claims;
};
asyncctx::context_store<Claims> claims_storage;
void use(const Claims *claims);

void bad_request_member(Request req) {
  claims_storage.enter_with(req.claims);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: rewrite into 'run' if no caller of 'bad_request_member' reads store 'claims_storage' after it returns
  use(claims_storage.get_store());
}

template <class R> void bad_request_member_in_template(R req) {
  claims_storage.enter_with(req.claims);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: rewrite into 'run' if no caller of 'bad_request_member_in_template' reads store 'claims_storage' after it returns
  use(claims_storage.get_store());
}
template void bad_request_member_in_template(Request);

// A helper that installs the context an item of work carries (a Task holds
// its callable): the running side's, left to the deferred-work rules like the
// runner below; invocation-leak-deferred.cpp reports the loop that calls it.
void good_install_for_the_item(Task &task) { claims_storage.enter_with(task.claims); }

class Runner {
public:
  // The running side: the item's context, then the item's work. Left to the
  // deferred-work rules (rule 3 asks for a restore after each item).
  void good_runs_the_item() {
    while (!queue_.empty()) {
      Task task = std::move(queue_.front());
      queue_.pop_front();
      claims_storage.enter_with(task.claims);
      task.fn();
    }
  }

  // The same in a template: judged on its instantiation, where the item's
  // type is known.
  template <class Q> void good_runs_the_item_in_template(Q &queue) {
    for (auto &task : queue) {
      claims_storage.enter_with(task.claims);
      task.fn();
    }
  }
  void run_all() { good_runs_the_item_in_template(queue_); }

private:
  std::deque<Task> queue_;
};

// Never instantiated: the item's type is not known, so nothing says that
// `item.claims` is a carried context; reported as any enter_with (as
// stress/errors.cpp's `t.missing_member`).
template <class T> void bad_never_instantiated(T &item) {
  claims_storage.enter_with(item.claims);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'enter_with' makes a value current in store 'asyncctx::context_store<Claims>' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

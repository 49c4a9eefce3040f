// Rule 1 of "Deferred work": work handed on for later takes its context
// along. A callable kept for later (in a data member, a container member, a
// global, or by a function that keeps it) that reads a store, handed on where
// a scope of that store may be active, runs later with another request's
// value or none. Correct: the store's bind, or a snapshot (here: a copy of
// the value) that the callable installs where it runs. On the reference
// store, with the real standard library.
//
// RUN: %check_asyncctx --std=c++17 %s asyncctx-lost-context %t

#include "asyncctx/context_store.h"

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

struct Claims {
  std::string user;
};
asyncctx::context_store<Claims> claims_storage;

std::string current_user() {
  const Claims *claims = claims_storage.get_store();
  return claims ? claims->user : "anonymous";
}
void audit(const std::string &user);

// A queue of the user's own: it keeps what it is given for a consumer thread.
class AuditQueue {
public:
  void push(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  void drain() {
    for (auto &job : jobs_)
      job();
    jobs_.clear();
  }

private:
  std::mutex mutex_;
  std::deque<std::function<void()>> jobs_;
};

std::vector<std::function<void()>> at_exit_jobs; // a global

class Service {
public:
  void bad_member_container() {
    jobs_.push_back([] { audit(current_user()); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the lambda is kept in 'jobs_' to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
    // CHECK-MESSAGES: :[[@LINE-2]]:32: note: the lambda reads 'claims_storage' through 'current_user' here
    // CHECK-MESSAGES: :27:41: note: 'get_store' reads 'claims_storage' here
    // CHECK-MESSAGES: :[[@LINE-4]]:21: note: wrap it in 'claims_storage.bind' to take the context along
  }

  void bad_callable_member() {
    on_done_ = [] { audit(current_user()); };
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the lambda is kept in 'on_done_' to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
    // CHECK-MESSAGES: :[[@LINE-2]]:27: note: the lambda reads 'claims_storage' through 'current_user' here
    // CHECK-MESSAGES: :27:41: note: 'get_store' reads 'claims_storage' here
    // CHECK-MESSAGES: :[[@LINE-4]]:16: note: wrap it in 'claims_storage.bind' to take the context along
  }

  void bad_global() {
    at_exit_jobs.emplace_back([] { audit(current_user()); });
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: the lambda is kept in 'at_exit_jobs' to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
    // CHECK-MESSAGES: :[[@LINE-2]]:42: note: the lambda reads 'claims_storage' through 'current_user' here
    // CHECK-MESSAGES: :27:41: note: 'get_store' reads 'claims_storage' here
    // CHECK-MESSAGES: :[[@LINE-4]]:31: note: wrap it in 'claims_storage.bind' to take the context along
  }

  void bad_named_lambda() {
    auto job = [] { audit(current_user()); };
    by_name_["audit"] = job;
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: the lambda is kept in 'by_name_' to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
    // CHECK-MESSAGES: :[[@LINE-3]]:27: note: the lambda reads 'claims_storage' through 'current_user' here
    // CHECK-MESSAGES: :27:41: note: 'get_store' reads 'claims_storage' here
    // CHECK-MESSAGES: :[[@LINE-4]]:25: note: wrap it in 'claims_storage.bind' to take the context along
  }

  void bad_through_a_queue_of_yours(AuditQueue &queue) {
    queue.push([] { audit(current_user()); });
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the lambda is handed to 'push', which keeps it to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
    // CHECK-MESSAGES: :[[@LINE-2]]:27: note: the lambda reads 'claims_storage' through 'current_user' here
    // CHECK-MESSAGES: :27:41: note: 'get_store' reads 'claims_storage' here
    // CHECK-MESSAGES: :[[@LINE-4]]:16: note: wrap it in 'claims_storage.bind' to take the context along
  }

  // Inside a scope of the store: the same.
  void bad_in_scope(AuditQueue &queue, Claims claims) {
    claims_storage.run(claims, [&] {
      queue.push([] { audit(current_user()); });
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the lambda is handed to 'push', which keeps it to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
      // CHECK-MESSAGES: :[[@LINE-2]]:29: note: the lambda reads 'claims_storage' through 'current_user' here
      // CHECK-MESSAGES: :27:41: note: 'get_store' reads 'claims_storage' here
      // CHECK-MESSAGES: :[[@LINE-4]]:18: note: wrap it in 'claims_storage.bind' to take the context along
    });
  }

  // Good: bound, directly or through a variable.
  void good_bound(AuditQueue &queue) {
    jobs_.push_back(claims_storage.bind([] { audit(current_user()); }));
    queue.push(claims_storage.bind([] { audit(current_user()); }));
    auto bound = claims_storage.bind([] { audit(current_user()); });
    on_done_ = bound;
  }

  // Good: what it needs is taken now and carried as a value.
  void good_value_taken_now(AuditQueue &queue) {
    queue.push([user = current_user()] { audit(user); });
  }

  // Good: it carries a copy of the value and installs it where it runs.
  void good_installs_its_copy(AuditQueue &queue) {
    const Claims *claims = claims_storage.get_store();
    queue.push([copy = claims ? *claims : Claims{}] {
      claims_storage.run(copy, [] { audit(current_user()); });
    });
  }

  // Good: run in place, not kept (a local container, a helper that takes a
  // forwarding reference).
  void good_run_in_place() {
    std::vector<std::function<void()>> local;
    local.push_back([] { audit(current_user()); });
    for (auto &job : local)
      job();
    with_lock([] { audit(current_user()); });
  }

  // Good: a callable that reads no store.
  void good_reads_nothing() {
    jobs_.push_back([] { audit("system"); });
  }

  template <class F> void with_lock(F &&f) {
    std::lock_guard<std::mutex> lock(mutex_);
    f();
  }

private:
  std::mutex mutex_;
  std::deque<std::function<void()>> jobs_;
  std::function<void()> on_done_;
  std::map<std::string, std::function<void()>> by_name_;
};

// Good: where no scope can be active (main), there is no context to lose.
int main() {
  AuditQueue queue;
  queue.push([] { audit(current_user()); });
  queue.drain();
}

// A template that keeps what it is given: reported once, at its
// instantiation's hand-off.
template <class Q> struct Holder {
  Q queue;
  void add() {
    queue.push_back([] { audit(current_user()); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the lambda is kept in 'queue' to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
    // CHECK-MESSAGES: :[[@LINE-2]]:32: note: the lambda reads 'claims_storage' through 'current_user' here
    // CHECK-MESSAGES: :27:41: note: 'get_store' reads 'claims_storage' here
    // CHECK-MESSAGES: :[[@LINE-4]]:21: note: wrap it in 'claims_storage.bind' to take the context along
  }
};
void use_holders() {
  Holder<std::deque<std::function<void()>>> a;
  a.add();
  Holder<std::vector<std::function<void()>>> b;
  b.add();
}

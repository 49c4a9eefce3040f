// A user's own executor and timer, with the rules of "Deferred work" from a
// .clang-tidy file alone (no annotation, no profile): asyncctx.Executors
// names the executor (its code is checked for the snapshot it must keep; a
// callable handed to it needs none), asyncctx.ContextCapturingFunctions the
// timer's schedule, which takes the current context implicitly. Without the
// executor's key, the same queue is a place where callables are kept, and the
// callers that hand it one that reads the store are reported instead.
//
// RUN: mkdir -p %t.dir
// RUN: printf '%%s\n' "Checks: '-*,asyncctx-*'" "CheckOptions:" \
// RUN:   "  asyncctx.Profiles: '-aws-lambda'" \
// RUN:   "  asyncctx.EnterWithFunctions: 'corp::Request::set'" \
// RUN:   "  asyncctx.SnapshotFunctions: 'corp::Request::snapshot'" \
// RUN:   "  asyncctx.ReadFunctions: 'corp::Request::find'" \
// RUN:   "  asyncctx.ScopeGuards: 'corp::RequestGuard=corp::Request'" \
// RUN:   "  asyncctx.Executors: 'app::WorkQueue'" \
// RUN:   "  asyncctx.ContextCapturingFunctions: 'app::Timer::schedule'" \
// RUN:   > %t.dir/.clang-tidy
// RUN: %check_asyncctx --check-suffix=CONFIG %s 'asyncctx-*' %t -- --config-file=%t.dir/.clang-tidy
// RUN: grep -v Executors %t.dir/.clang-tidy > %t.dir/no-executor.yaml
// RUN: %check_asyncctx --check-suffix=PLAIN %s 'asyncctx-*' %t.plain -- --config-file=%t.dir/no-executor.yaml

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace corp {
struct Request {
  std::string user;
  static std::shared_ptr<Request> set(std::shared_ptr<Request> next);
  static std::shared_ptr<Request> snapshot();
  static Request *find();
};
class RequestGuard {
public:
  explicit RequestGuard(std::shared_ptr<Request> r) : previous_(Request::set(std::move(r))) {}
  ~RequestGuard() { Request::set(std::move(previous_)); }

private:
  std::shared_ptr<Request> previous_;
};
} // namespace corp

void log_user(const corp::Request *r);

namespace app {

// The user's executor: post() is the storing side, run_all() the running side.
class WorkQueue {
public:
  void post(std::function<void()> work) { items_.push_back(Item{std::move(work), nullptr}); }
  // CHECK-MESSAGES-CONFIG: :[[@LINE-1]]:60: warning: 'post' keeps callable 'work' in 'items_' without a snapshot of the current context: it runs later in whatever context runs the queue, not in the one it was given in [asyncctx-lost-context]
  // CHECK-MESSAGES-CONFIG: :[[@LINE-4]]:7: note: 'WorkQueue' is an executor: it carries the context to the work it runs
  // CHECK-MESSAGES-CONFIG: :[[@LINE-3]]:60: note: keep a snapshot of the context with it (a SNAPSHOT of the store, or the store's BIND around it), and run it under that snapshot
  void post_carried(std::function<void()> work) {
    items_.push_back(Item{std::move(work), corp::Request::snapshot()});
  }
  void run_all() {
    for (Item &item : items_) {
      corp::RequestGuard guard(item.context);
      item.work();
    }
    items_.clear();
  }

private:
  struct Item {
    std::function<void()> work;
    std::shared_ptr<corp::Request> context;
  };
  std::deque<Item> items_;
};

struct Timer {
  virtual ~Timer() = default;
  virtual void fire() = 0;
  void schedule(int ms, std::shared_ptr<corp::Request> ctx = corp::Request::snapshot());
};

class Heartbeat : public Timer {
public:
  void fire() override { beat(); }
  void beat() { schedule(1000); }
  // CHECK-MESSAGES-CONFIG: :[[@LINE-1]]:17: warning: 'schedule' schedules 'Heartbeat' again from its own callback and keeps the context it runs in: the context of the request that first scheduled it lives as long as it keeps rescheduling [asyncctx-invocation-leak]
  // CHECK-MESSAGES-CONFIG: :[[@LINE-2]]:17: note: schedule it where no request's scope is active (under a scope of an empty context), or pass an empty context explicitly
  // CHECK-MESSAGES-PLAIN: :[[@LINE-3]]:17: warning: 'schedule' schedules 'Heartbeat' again from its own callback and keeps the context it runs in: the context of the request that first scheduled it lives as long as it keeps rescheduling [asyncctx-invocation-leak]
  // CHECK-MESSAGES-PLAIN: :[[@LINE-4]]:17: note: schedule it where no request's scope is active (under a scope of an empty context), or pass an empty context explicitly
};

class QuietHeartbeat : public Timer {
public:
  void fire() override { beat(); }
  void beat() { schedule(1000, nullptr); }
};

void handler(WorkQueue &queue, std::shared_ptr<corp::Request> request) {
  corp::RequestGuard guard(std::move(request));
  queue.post([] { log_user(corp::Request::find()); });
  // CHECK-MESSAGES-PLAIN: :[[@LINE-1]]:14: warning: the lambda is handed to 'post', which keeps it to run later, without the context of store 'corp::Request' that it reads [asyncctx-lost-context]
  // CHECK-MESSAGES-PLAIN: :[[@LINE-2]]:28: note: 'find' reads 'corp::Request' here
  // CHECK-MESSAGES-PLAIN: :[[@LINE-3]]:14: note: capture a snapshot of the context where it is handed on, and install it where it runs ('corp::RequestGuard')
  // A callable handed on with a snapshot beside it is carried.
  queue.post_carried([] { log_user(corp::Request::find()); });
}

} // namespace app

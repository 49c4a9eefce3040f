// folly 615a44f04 (2019), folly/experimental/coro/Collect-inl.h (and the same
// fix in coro::merge, 8676c7b39, 2024)
// Rule 3: collectAll started each child task inline; a child that changed
// the context before suspending started the next child in its context.
#include <folly/io/async/Request.h>

#include <vector>

namespace folly::coro::detail {

struct Barrier;
struct BarrierTask {
  void start(Barrier *barrier);
};

void startAll(std::vector<BarrierTask> &tasks, Barrier *barrier) {
#ifndef FIXED
  for (auto &&task : tasks) {
    task.start(barrier);
  }
#else
  const auto context = RequestContext::saveContext();
  for (auto &&task : tasks) {
    task.start(barrier);
    RequestContext::setContext(context);
  }
#endif
}

} // namespace folly::coro::detail

// fbthrift 4532a32f90 (2023), thrift/lib/cpp2/async/Interaction.{h,cpp}
// Rule 2: requests of an interaction wait in the tile's queue; the one that
// finishes hands the next to the thread manager, whose add() then saves the
// finishing request's context, not the waiting one's.
#include <folly/Executor.h>
#include <folly/io/async/Request.h>

#include <memory>
#include <queue>

namespace apache::thrift {

struct Runnable {
  virtual ~Runnable() = default;
  virtual void run() = 0;
};

struct InteractionTask {
  explicit InteractionTask(std::unique_ptr<Runnable> t)
      : task(std::move(t))
#ifdef FIXED
        , context(folly::RequestContext::saveContext())
#endif
  {
  }
  std::unique_ptr<Runnable> task;
#ifdef FIXED
  std::shared_ptr<folly::RequestContext> context;
#endif
};

class Tile {
public:
  void enqueue(std::unique_ptr<Runnable> task) { queue_.emplace(std::move(task)); }

  void decRef(folly::Executor &tm) {
    if (queue_.empty())
      return;
    auto &item = queue_.front();
#ifdef FIXED
    folly::RequestContextScopeGuard rctx(item.context);
#endif
    tm.add([task = std::move(item.task)]() { task->run(); });
    queue_.pop();
  }

private:
  std::queue<InteractionTask> queue_;
};

} // namespace apache::thrift

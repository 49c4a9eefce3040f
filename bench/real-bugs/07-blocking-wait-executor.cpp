// folly bffa3de14 (2025; backed out, then relanded as b06486f49),
// folly/coro/BlockingWait.h
// Rule 2: BlockingWaitExecutor queued functions without their context and
// drive() ran them in the context of the blocking caller.
#include <folly/executors/DrivableExecutor.h>
#include <folly/io/async/Request.h>

#include <memory>
#include <utility>
#include <vector>

namespace folly::coro::detail {

class BlockingWaitExecutor final : public folly::DrivableExecutor {
public:
  void add(Func func) override {
#ifndef FIXED
    queue_.push_back(std::move(func));
#else
    queue_.push_back(TaskInfo{std::move(func), folly::RequestContext::saveContext()});
#endif
  }

  void drive() override {
#ifndef FIXED
    std::vector<Func> funcs;
    queue_.swap(funcs);
    for (auto &func : funcs) {
      std::exchange(func, nullptr)();
    }
#else
    std::vector<TaskInfo> infos;
    queue_.swap(infos);
    RequestContextSaverScopeGuard guard;
    for (auto &info : infos) {
      folly::RequestContext::setContext(std::move(info.rctx));
      std::exchange(info.func, nullptr)();
    }
#endif
  }

private:
#ifndef FIXED
  std::vector<Func> queue_;
#else
  struct TaskInfo {
    Func func;
    std::shared_ptr<folly::RequestContext> rctx;
  };
  std::vector<TaskInfo> queue_;
#endif
};

} // namespace folly::coro::detail

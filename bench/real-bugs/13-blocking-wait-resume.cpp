// folly 136979f1c (2019), folly/experimental/coro/BlockingWait.h
// Rule 3: blockingWait resumed the task inline; a task that changed the
// context before its first suspension left it changed in the caller.
#include <folly/io/async/Request.h>

#include <coroutine>

namespace folly::coro {

template <typename T> class BlockingWaitTask {
public:
  T get() && {
#ifndef FIXED
    coro_.resume();
#else
    {
      RequestContextScopeGuard guard{RequestContext::saveContext()};
      coro_.resume();
    }
#endif
    return wait();
  }

private:
  T wait();
  std::coroutine_handle<> coro_;
};

int run(BlockingWaitTask<int> task) { return static_cast<BlockingWaitTask<int> &&>(task).get(); }

} // namespace folly::coro

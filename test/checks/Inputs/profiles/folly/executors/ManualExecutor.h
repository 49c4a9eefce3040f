// folly's <folly/executors/ManualExecutor.h> and the body of its
// ManualExecutor.cpp (folly ff98381ea68687a95c6185326db933aa6124d4c5): add()
// queues the function and run()/drive()/makeProgress() call what is queued.
// It keeps no RequestContext: the functions run in the context of whoever
// calls run(). The lock, the semaphore and the scheduled functions are left
// out.
#pragma once

#include <folly/executors/DrivableExecutor.h>
#include <folly/executors/ScheduledExecutor.h>
#include <folly/executors/SequencedExecutor.h>

#include <cstddef>
#include <queue>
#include <utility>

namespace folly {

class ManualExecutor : public DrivableExecutor,
                       public ScheduledExecutor,
                       public SequencedExecutor {
public:
  ~ManualExecutor() override = default;

  void add(Func callback) override { funcs_.emplace(std::move(callback)); }

  /// Do work. Returns the number of functions that were executed (maybe 0).
  size_t run() {
    size_t count = 0;
    for (size_t n = funcs_.size(); count < n && !funcs_.empty(); ++count) {
      Func func = std::move(funcs_.front());
      funcs_.pop();
      func();
    }
    return count;
  }

  /// Execute only the function at the front of the queue (maybe 0).
  bool step() {
    if (funcs_.empty()) {
      return false;
    }
    Func func = std::move(funcs_.front());
    funcs_.pop();
    func();
    return true;
  }

  void wait() {}
  void makeProgress() {
    wait();
    run();
  }
  void drive() override { makeProgress(); }

private:
  std::queue<Func> funcs_;
};

} // namespace folly

// folly's <folly/executors/DrivableExecutor.h> (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): an executor whose owner runs
// the queued work by calling drive().
#pragma once

#include <folly/Executor.h>

namespace folly {

class DrivableExecutor : public virtual Executor {
public:
  ~DrivableExecutor() override = default;
  virtual void drive() = 0;
};

} // namespace folly

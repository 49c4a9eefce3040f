// folly's <folly/executors/IOExecutor.h> (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): an executor with an EventBase.
#pragma once

#include <folly/Executor.h>

namespace folly {

class EventBase;

class IOExecutor : public virtual folly::Executor {
public:
  ~IOExecutor() override = default;
  virtual folly::EventBase *getEventBase() = 0;
};

} // namespace folly

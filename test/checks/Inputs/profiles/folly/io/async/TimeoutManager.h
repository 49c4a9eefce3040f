// folly's <folly/io/async/TimeoutManager.h> (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): what drives AsyncTimeouts (an
// EventBase is one).
#pragma once

#include <chrono>

namespace folly {

class AsyncTimeout;

class TimeoutManager {
public:
  using timeout_type = std::chrono::milliseconds;
  using timeout_type_high_res = std::chrono::microseconds;

  enum class InternalEnum { INTERNAL, NORMAL };

  virtual ~TimeoutManager() = default;

  virtual void attachTimeoutManager(AsyncTimeout *obj, InternalEnum internal) = 0;
  virtual void detachTimeoutManager(AsyncTimeout *obj) = 0;
  virtual bool scheduleTimeout(AsyncTimeout *obj, timeout_type timeout) = 0;
  virtual bool scheduleTimeoutHighRes(AsyncTimeout *obj, timeout_type_high_res timeout) = 0;
  virtual void cancelTimeout(AsyncTimeout *obj) = 0;
  virtual void bumpHandlingTime() = 0;
  virtual bool isInTimeoutManagerThread() = 0;
};

} // namespace folly

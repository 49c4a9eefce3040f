// folly's <folly/DefaultKeepAliveExecutor.h> (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): the base of the thread pools.
// The keep-alive counting is left out.
#pragma once

#include <folly/Executor.h>

namespace folly {

class DefaultKeepAliveExecutor : public virtual Executor {
public:
  ~DefaultKeepAliveExecutor() override = default;
};

} // namespace folly

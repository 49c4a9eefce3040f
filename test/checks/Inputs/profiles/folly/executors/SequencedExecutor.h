// folly's <folly/executors/SequencedExecutor.h> (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): the marker of executors that
// run what they are given in order, one at a time.
#pragma once

#include <folly/Executor.h>

namespace folly {

class SequencedExecutor : public virtual Executor {
public:
  virtual ~SequencedExecutor() override {}
};

} // namespace folly

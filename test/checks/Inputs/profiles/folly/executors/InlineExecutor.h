// folly's <folly/executors/InlineExecutor.h> (folly
// ff98381ea68687a95c6185326db933aa6124d4c5): folly::InlineExecutor (through
// folly::InlineLikeExecutor) and its instance(); add() runs the function at
// once, so it runs in the caller's RequestContext (and whatever it sets is
// not undone).
#pragma once

#include <folly/Executor.h>

namespace folly {

class InlineLikeExecutor : public virtual Executor {
public:
  ~InlineLikeExecutor() override {}
};

class InlineExecutor : public InlineLikeExecutor {
public:
  static InlineExecutor &instance() noexcept {
    static InlineExecutor value;
    return value;
  }
  void add(Func f) override { f(); }
};

} // namespace folly

// folly's <folly/executors/InlineExecutor.h>, with the real names:
// folly::InlineExecutor (through folly::InlineLikeExecutor) and its
// instance(); add() runs the function at once.
#pragma once

#include <folly/Executor.h>

namespace folly {

class InlineLikeExecutor : public Executor {};

class InlineExecutor : public InlineLikeExecutor {
public:
  static InlineExecutor &instance() noexcept {
    static InlineExecutor value;
    return value;
  }
  void add(Func f) override { f(); }
};

} // namespace folly

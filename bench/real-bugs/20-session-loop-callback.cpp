// proxygen e369431c3 and 004ad3919 (2026), proxygen/lib/http/session/HQSession.cpp,
// SessionLoopCallback.h
// Rule 4: the session's write callback, scheduled with runInLoop() from
// whichever request produced egress, took that request's context, and the
// work for every stream of the connection ran (and was billed) in it.
#include <folly/io/async/EventBase.h>

namespace proxygen {

class HQSession {
public:
  void scheduleWrite(folly::EventBase *evb) {
#ifndef FIXED
    evb->runInLoop(&writeScheduler_, /*thisIteration=*/true);
#else
    evb->runInLoop(&writeScheduler_, /*thisIteration=*/true, /*rctx=*/nullptr);
#endif
  }

private:
  class WriteScheduler : public folly::EventBase::LoopCallback {
  public:
    void runLoopCallback() noexcept override;
  };
  WriteScheduler writeScheduler_;
};

} // namespace proxygen

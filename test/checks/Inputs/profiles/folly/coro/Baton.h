// folly's <folly/coro/Baton.h>, with the real names: folly::coro::Baton,
// whose operator co_await() returns a Baton::WaitOperation that suspends
// until post().
#pragma once

#include <coroutine>

namespace folly {
namespace coro {

class Baton {
public:
  class WaitOperation {
  public:
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() noexcept {}
  };

  [[nodiscard]] WaitOperation operator co_await() const noexcept { return {}; }
  void post() noexcept {}
};

} // namespace coro
} // namespace folly

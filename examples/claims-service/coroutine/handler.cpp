// The claims example's handler as a coroutine (C++20). It opens the scope
// properly, with a guard, and then waits for the profile service: the
// coroutine suspends with the guard alive, and resumes on another thread.
//
// Bug 4 (asyncctx-suspend-in-scope): the claims stay behind on the thread
// that suspended (the next request on it would see them), and the thread it
// resumes on has none: `use_claims` throws "invalid claims" after the
// co_await.
//
// Run it to see the bug happen:
//   printf 'alice\n' | build/examples/claims-service-coroutine
// The fix closes the scope before the co_await and opens it again after it:
//   Claims claims{request.payload};
//   co_await profile_service_call{worker};
//   co_return claims_storage.run(claims, [] { return "items of " + use_claims().user; });
#include "asyncctx/context_store.h"

#include <aws/lambda-runtime/runtime.h>

#include <coroutine>
#include <exception>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

struct Claims {
  std::string user;
};

asyncctx::context_store<Claims> claims_storage;

const Claims &use_claims() {
  const Claims *claims = claims_storage.get_store();
  if (!claims)
    throw std::runtime_error("invalid claims");
  return *claims;
}

// A task that starts at once and whose result the caller waits for.
template <class T> class task {
public:
  struct promise_type {
    std::promise<T> result;
    task get_return_object() { return task(result.get_future()); }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T value) { result.set_value(std::move(value)); }
    void unhandled_exception() { result.set_exception(std::current_exception()); }
  };
  T get() { return future_.get(); }

private:
  explicit task(std::future<T> future) : future_(std::move(future)) {}
  std::future<T> future_;
};

// The profile service answers on a thread of its own: the coroutine resumes
// there.
struct profile_service_call {
  std::thread &worker;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> waiting) { worker = std::thread([waiting] { waiting.resume(); }); }
  void await_resume() const noexcept {}
};

task<std::string> respond(const invocation_request &request, std::thread &worker) {
  asyncctx::scope<Claims> claims(claims_storage, Claims{request.payload});
  co_await profile_service_call{worker};
  co_return "items of " + use_claims().user;
}

invocation_response handler(const invocation_request &request) {
  std::thread worker;
  task<std::string> response = respond(request, worker);
  try {
    std::string items = response.get();
    worker.join();
    return invocation_response::success(items, "text/plain");
  } catch (const std::exception &e) {
    worker.join();
    return invocation_response::failure(e.what(), "Unauthorized");
  }
}

int main() { aws::lambda_runtime::run_handler(handler); }

// ASYNCCTX_SPAWN and asyncctx.SpawnFunctions: a callable given to a function
// that runs it later or elsewhere starts with no value current, unless bind
// made it (directly, or a variable initialised from bind).
//
// RUN: %check_asyncctx --std=c++20 %s asyncctx-read-outside-run %t -- --config="{CheckOptions: {asyncctx.SpawnFunctions: 'app::Executor::execute'}}"

#include "mock_store.h"
#include <functional>
#include <future>
#include <vector>

mock::store<Claims> claims_storage;
int read_user() { return claims_storage.get_store()->user; }

class Pool {
public:
  ASYNCCTX_SPAWN void submit(std::function<void()> task) { tasks_.push_back(std::move(task)); }

private:
  std::vector<std::function<void()>> tasks_;
};

namespace app {
struct Executor {
  template <class F> void execute(F &&f) { f(); }
};
} // namespace app

ASYNCCTX_INVOCATION void handler(Pool &pool, app::Executor &ex, Claims c) {
  claims_storage.run(c, [&] {
    pool.submit([] { read_user(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'submit' runs the callable later or elsewhere, with no scope active; bind it to carry the scope
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-22]]:41: note: 'read_user' reads 'claims_storage' here
    ex.execute([] { read_user(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'execute' runs the callable later or elsewhere, with no scope active; bind it to carry the scope
    // CHECK-MESSAGES: :[[@LINE-3]]:16: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-27]]:41: note: 'read_user' reads 'claims_storage' here
    auto result = std::async(std::launch::async, [] { return read_user(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:62: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: a callable started on a new thread runs with no scope active
    // CHECK-MESSAGES: :[[@LINE-3]]:50: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-32]]:41: note: 'read_user' reads 'claims_storage' here
    result.get();

    // Good: made by bind, directly or through a variable.
    pool.submit(claims_storage.bind([] { read_user(); }));
    auto bound = claims_storage.bind([] { read_user(); });
    ex.execute(bound);
    auto bound_async = std::async(std::launch::async, claims_storage.bind([] { return read_user(); }));
    bound_async.get();
  });
}

// The asio profile: a handler given to post, dispatch, defer or co_spawn runs
// on an executor, where no value is current, unless bind made it. Run against
// Debian's real headers: Boost.Asio (libboost-dev) and, with -DSTANDALONE,
// standalone Asio (libasio-dev). Both detect C++20 coroutine support for GCC
// only; under clang a project defines the macros below itself (Boost 1.74's
// awaitable.hpp also uses std::exchange without including <utility>).
//
// RUN: %check_asyncctx --std=c++20 --compile-arg=-DBOOST_ASIO_HAS_CO_AWAIT=1 --compile-arg=-DBOOST_ASIO_HAS_STD_COROUTINE=1 %s asyncctx-read-outside-run %t -- --config="{CheckOptions: {asyncctx.Profiles: 'asio'}}"
// RUN: %check_asyncctx --std=c++20 --compile-arg=-DSTANDALONE --compile-arg=-DASIO_HAS_CO_AWAIT=1 --compile-arg=-DASIO_HAS_STD_COROUTINE=1 %s asyncctx-read-outside-run %t.standalone -- --config="{CheckOptions: {asyncctx.Profiles: 'asio'}}"
// Without the profile, nothing is known of asio.
// RUN: %check_asyncctx --std=c++20 --compile-arg=-DBOOST_ASIO_HAS_CO_AWAIT=1 --compile-arg=-DBOOST_ASIO_HAS_STD_COROUTINE=1 --check-suffix=OFF %s asyncctx-read-outside-run %t.off

#include <utility>
#ifdef STANDALONE
#include <asio.hpp>
namespace net = asio;
#else
#include <boost/asio.hpp>
namespace net = boost::asio;
#endif
#include "mock_store.h"

mock::store<Claims> claims_storage;
int read_user() { return claims_storage.get_store()->user; }

ASYNCCTX_INVOCATION void handler(net::thread_pool &pool, net::io_context &io, Claims c) {
  claims_storage.run(c, [&] {
    net::post(pool, [] { read_user(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'post' runs the callable later or elsewhere, with no scope active; bind it to carry the scope
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-8]]:41: note: 'read_user' reads 'claims_storage' here
    net::dispatch(io, [] { read_user(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'dispatch' runs the callable later or elsewhere, with no scope active; bind it to carry the scope
    // CHECK-MESSAGES: :[[@LINE-3]]:23: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-13]]:41: note: 'read_user' reads 'claims_storage' here
    auto worker = [] { read_user(); };
    net::defer(io, worker);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the lambda reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'defer' runs the callable later or elsewhere, with no scope active; bind it to carry the scope
    // CHECK-MESSAGES: :[[@LINE-3]]:20: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
    // CHECK-MESSAGES: :[[@LINE-5]]:24: note: the lambda reads 'claims_storage' through 'read_user' here
    // CHECK-MESSAGES: :[[@LINE-20]]:41: note: 'read_user' reads 'claims_storage' here
    net::co_spawn(io, []() -> net::awaitable<void> {
      read_user();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'read_user' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
      // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'co_spawn' runs the callable later or elsewhere, with no scope active; bind it to carry the scope
      // CHECK-MESSAGES: :[[@LINE-4]]:23: note: wrap the callable in 'claims_storage.bind' to carry over the scope active where it is handed on
      // CHECK-MESSAGES: :[[@LINE-26]]:41: note: 'read_user' reads 'claims_storage' here
      co_return;
    }, net::detached);

    // Good: bind carries the scope to the executor; the handler opens its own.
    net::post(pool, claims_storage.bind([] { read_user(); }));
    auto bound = claims_storage.bind([] { read_user(); });
    net::post(io, bound);
    net::post(pool, [] { claims_storage.run(Claims{}, [] { read_user(); }); });
  });
}

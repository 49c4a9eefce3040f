// Callables run in place: the standard algorithms, std::call_once,
// std::invoke, std::apply and std::visit call their callable before they
// return, in the caller's scope; so does a function of yours annotated
// ASYNCCTX_RUNS_IN_PLACE (or named in asyncctx.InPlaceFunctions:
// read-outside-run-in-place-options.cpp). A read in such a callable is
// reported where it is written, with a note at the call that runs it.
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t

#include "asyncctx/context_store.h"

#include <algorithm>
#include <functional>
#include <mutex>
#include <numeric>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

asyncctx::context_store<std::string> users;

std::string current_user() { return *users.get_store(); }
void tag(int &item, const std::string &user);
void preload(const std::string &user);
std::once_flag warm;

ASYNCCTX_INVOCATION void bad_for_each_before_run(std::vector<int> items) {
  std::for_each(items.begin(), items.end(), [](int &i) { tag(i, current_user()); });
  // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: invocation 'bad_for_each_before_run' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'for_each' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-10]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION void good_for_each_inside_run(std::vector<int> items, const std::string &user) {
  users.run(user, [&] {
    std::for_each(items.begin(), items.end(), [](int &i) { tag(i, current_user()); });
  });
}

ASYNCCTX_INVOCATION void bad_generic_lambda_in_algorithm(std::vector<int> items) {
  std::for_each(items.begin(), items.end(), [](auto &i) { tag(i, current_user()); });
  // CHECK-MESSAGES: :[[@LINE-1]]:66: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: invocation 'bad_generic_lambda_in_algorithm' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'for_each' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-24]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION void bad_call_once_before_run() {
  std::call_once(warm, [] { preload(current_user()); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: invocation 'bad_call_once_before_run' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'call_once' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-32]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION void good_call_once_inside_run(const std::string &user) {
  users.run(user, [] { std::call_once(warm, [] { preload(current_user()); }); });
}

ASYNCCTX_INVOCATION std::size_t bad_transform_reduce(std::vector<int> items) {
  return std::transform_reduce(items.begin(), items.end(), std::size_t{0}, std::plus<>(),
                               [](int) { return current_user().size(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-4]]:33: note: invocation 'bad_transform_reduce' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: 'transform_reduce' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-45]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION std::string bad_invoke_named_function() {
  return std::invoke(current_user);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: invocation 'bad_invoke_named_function' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-52]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION std::string good_invoke_inside_run(const std::string &user) {
  return users.run(user, [] { return std::invoke(current_user); });
}

ASYNCCTX_INVOCATION std::string bad_apply(std::tuple<int> args) {
  return std::apply([](int) { return current_user(); }, args);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: invocation 'bad_apply' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'apply' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-64]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION std::string bad_visit(std::variant<int, std::string> v) {
  return std::visit([](const auto &) { return current_user(); }, v);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: invocation 'bad_visit' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'visit' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-72]]:44: note: 'current_user' reads 'users' here
}

// A function of yours that calls its callable before it returns.
template <class F> ASYNCCTX_RUNS_IN_PLACE void with_retries(int n, F fn) {
  for (int i = 0; i < n; ++i)
    fn();
}

ASYNCCTX_INVOCATION void bad_own_in_place_before_run() {
  with_retries(3, [] { preload(current_user()); });
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'current_user' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: invocation 'bad_own_in_place_before_run' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'with_retries' runs the lambda here
  // CHECK-MESSAGES: :[[@LINE-86]]:44: note: 'current_user' reads 'users' here
}

ASYNCCTX_INVOCATION void good_own_in_place_inside_run(const std::string &user) {
  users.run(user, [] { with_retries(3, [] { preload(current_user()); }); });
}

// What runs in place is analysed as the caller's own code: a lambda that
// enters the store there leaves the value to the code after the call.
ASYNCCTX_INVOCATION void good_entered_in_place(const std::string &user) {
  std::call_once(warm, [&] { users.enter_with(user); });
  preload(current_user());
  users.disable();
}

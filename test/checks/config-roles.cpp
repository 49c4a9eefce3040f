// Roles from configuration, for a library that cannot be annotated: every
// role key, names with and without the inline namespace, a store class whose
// objects are told apart (and whose configured run() the fix-it uses), and
// free functions whose store is their namespace.
//
// RUN: %check_asyncctx %s 'asyncctx-*' %t -- --config="{CheckOptions: { \
// RUN:   asyncctx.Stores: 'corp::Context', \
// RUN:   asyncctx.RunFunctions: 'corp::Context::run', \
// RUN:   asyncctx.ExitFunctions: 'corp::Context::exit', \
// RUN:   asyncctx.ReadFunctions: 'corp::Context::current;::corp::request::user', \
// RUN:   asyncctx.EnterWithFunctions: 'corp::Context::set;corp::request::set_user', \
// RUN:   asyncctx.DisableFunctions: 'corp::Context::reset;corp::request::clear_user', \
// RUN:   asyncctx.BindFunctions: 'corp::Context::wrap', \
// RUN:   asyncctx.ScopeGuards: 'corp::ContextGuard;corp::v3::request::UserScope', \
// RUN:   asyncctx.RequiresScopeFunctions: 'app::needs_user', \
// RUN:   asyncctx.InvocationFunctions: 'app::handle_run;app::handle_set;app::handle_guard;app::handle_free;app::handle_scope;app::handle_exit;app::handle_read;app::handle_calls'}}"
// Unconfigured, the library is nothing to the checks.
// RUN: %check_asyncctx --check-suffix=OFF %s 'asyncctx-*' %t.off

namespace corp {
inline namespace v3 {

template <class T> class Context {
public:
  template <class F> auto run(T value, F fn) { return fn(); }
  template <class F> auto exit(F fn) { return fn(); }
  T *current() const;
  void set(T value);
  void reset();
  template <class F> F wrap(F fn) const { return fn; }
};

template <class T> class ContextGuard {
public:
  ContextGuard(Context<T> &context, T value);
  ~ContextGuard();
};

namespace request {
void set_user(int user);
int *user();
void clear_user();
class UserScope {
public:
  explicit UserScope(int user);
  ~UserScope();
};
} // namespace request

} // namespace v3
} // namespace corp

void use(int *user);

namespace app {

corp::Context<int> users;
corp::Context<int> tenants;

void handle_run(int user) {
  users.run(user, [] { use(users.current()); });
}

void handle_set(int user) {
  users.set(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'set' makes a value current in store 'users' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: store 'users' can still hold the value 'set' made current when 'handle_set' ends [asyncctx-invocation-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'handle_set' can end here with the value still current
  use(users.current());
}
// CHECK-FIXES: void handle_set(int user) {
// CHECK-FIXES-NEXT:   users.run(user, [&] {
// CHECK-FIXES:     use(users.current());
// CHECK-FIXES-NEXT:   });
// CHECK-FIXES-NEXT: }

void handle_guard(int user) {
  corp::ContextGuard<int> guard(users, user);
  use(users.current());
  use(tenants.current());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'current' reads store 'tenants' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-5]]:6: note: invocation 'handle_guard' starts with no scope active
}

void handle_free(int user) {
  corp::request::set_user(user);
  use(corp::request::user());
  corp::request::clear_user();
}

void handle_scope(int user) {
  corp::request::UserScope scope(user);
  use(corp::request::user());
}

void handle_exit(int user) {
  users.run(user, [] { users.exit([] { use(users.current()); }); });
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 'current' reads store 'users' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: 'exit' runs the callable with no scope of store 'users'
}

void handle_read() {
  use(corp::request::user());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'user' reads store 'corp::request' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:6: note: invocation 'handle_read' starts with no scope active
}

void needs_user() {
  use(corp::request::user());
}

void handle_calls() {
  needs_user();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'needs_user' reads store 'corp::request' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:6: note: invocation 'handle_calls' starts with no scope active
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: 'needs_user' reads 'corp::request' here
}

} // namespace app

// RUN: %check_asyncctx %s asyncctx-enter-with %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;

void bad_enter_with_on_a_global(Claims c) {
  claims_storage.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

void bad_stores_are_named_apart(Claims c) {
  request_ids.enter_with(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'enter_with' makes a value current in store 'request_ids' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

void bad_through_a_pointer(mock::store<Claims> *storage) {
  storage->enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'enter_with' makes a value current in store 'storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

void bad_through_a_reference_names_the_store() {
  auto &alias = claims_storage;
  alias.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

mock::store<Claims> &storage_of_the_process();

void bad_on_an_unnamed_store_names_the_class() {
  storage_of_the_process().enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'enter_with' makes a value current in store 'mock::store<Claims>' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

class Service {
public:
  void bad_on_a_member_store(Claims c) {
    store_.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'enter_with' makes a value current in store 'store_' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
  }

private:
  mock::store<Claims> store_;
};

void bad_inside_a_lambda() {
  auto before = [](Claims c) {
    claims_storage.enter_with(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
  };
  before(Claims{});
}

// A template is reported once, however often it is instantiated.
template <class Store> void bad_in_a_template(Store &s) {
  s.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'enter_with' makes a value current in store 's' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

void instantiate_twice() {
  bad_in_a_template(claims_storage);
  bad_in_a_template(request_ids);
}

// A non-dependent call is known in the pattern: reported even when the
// template is never instantiated.
template <class T> void bad_in_an_uninstantiated_template(T) {
  claims_storage.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

// A dependent call of a template never instantiated has no callee to know
// the role of: nothing to report.
template <class Store> void good_dependent_and_never_instantiated(Store &s) {
  s.enter_with(Claims{});
}

#define SET_CLAIMS(c) claims_storage.enter_with(c)

void bad_in_a_macro(Claims c) {
  SET_CLAIMS(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-5]]:38: note: expanded from macro 'SET_CLAIMS'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: no fix-it: the call is in a macro expansion
}

// Roles are inherited: by a derived store, and by a method that overrides an
// annotated virtual method.
class DerivedStore : public mock::store<Claims> {};
DerivedStore derived;

void bad_on_a_derived_store() {
  derived.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'enter_with' makes a value current in store 'derived' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: no fix-it: nothing follows it in its block; use 'run' around the code that needs the value
}

class VirtualStore {
public:
  virtual ~VirtualStore() = default;
  ASYNCCTX_ENTER_WITH virtual void set(Claims c) = 0;
};
class VirtualStoreImpl : public VirtualStore {
public:
  void set(Claims c) override {}
};

void bad_on_an_override(VirtualStoreImpl &impl) {
  impl.set(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'set' makes a value current in store 'impl' with no scope [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: no fix-it: the store has no member annotated ASYNCCTX_RUN
}

// Roles come from annotations, never from names.
struct NotAStore {
  void enter_with(Claims) {}
};
void enter_with(Claims) {}

struct OtherTool {
  [[clang::annotate("othertool::enter_with")]] void enter_with(Claims) {}
};

void good_names_alone_mean_nothing(NotAStore n, OtherTool o) {
  n.enter_with(Claims{});
  enter_with(Claims{});
  o.enter_with(Claims{});
}

void good_scoped_and_other_roles(Claims c) {
  claims_storage.run(c, [] {});
  claims_storage.exit([] {});
  claims_storage.get_store();
  claims_storage.disable();
  auto fn = claims_storage.bind([] {});
  fn();
  mock::scope<Claims> guard(claims_storage, c);
}

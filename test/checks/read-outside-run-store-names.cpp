// The name of a store that is a class, not a variable (a static read, a read
// through a call's result): the class as written in its namespace, with its
// template arguments, whatever alias the call spells it with. Clang 22 made
// types without the elaborated sugar; the text is the same on 19 and 22.
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t

#include <asyncctx/annotations.h>
#include <memory>
#include <string>

namespace other {
struct Claims {
  std::string user;
};
} // namespace other

namespace lib {
template <class T> class ASYNCCTX_STORE store {
public:
  ASYNCCTX_READ static T *current();
  ASYNCCTX_READ T *get_store() const;
};
struct Outer {
  class ASYNCCTX_STORE Inner {
  public:
    ASYNCCTX_READ static int *current();
  };
};
inline namespace v2 {
class ASYNCCTX_STORE Ctx {
public:
  ASYNCCTX_READ static int *current();
};
} // namespace v2
} // namespace lib

namespace {
class ASYNCCTX_STORE Anon {
public:
  ASYNCCTX_READ static int *current();
};
} // namespace

using Alias = lib::store<std::string>;
template <class T> using Tmpl = lib::store<T>;
lib::store<other::Claims> &instance();

int main() {
  lib::store<other::Claims>::current();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'current' reads store 'lib::store<other::Claims>' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'main' runs with no scope active
  Alias::current();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'current' reads store 'lib::store<std::basic_string<char>>' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'main' runs with no scope active
  Tmpl<std::unique_ptr<int>>::current();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'current' reads store 'lib::store<std::unique_ptr<int>>' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: 'main' runs with no scope active
  instance().get_store();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'get_store' reads store 'lib::store<other::Claims>' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-12]]:5: note: 'main' runs with no scope active
  lib::Outer::Inner::current();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'current' reads store 'lib::Outer::Inner' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: 'main' runs with no scope active
  lib::Ctx::current();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'current' reads store 'lib::Ctx' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-18]]:5: note: 'main' runs with no scope active
  Anon::current();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'current' reads store '(anonymous namespace)::Anon' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-21]]:5: note: 'main' runs with no scope active
  lib::store<int (*)(const char *)>::current();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'current' reads store 'lib::store<int (*)(const char *)>' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-24]]:5: note: 'main' runs with no scope active
}

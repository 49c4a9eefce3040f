// The return form's lambda names the function's return type. Where the type
// is not written in the file (the declaration comes from a macro), it is
// printed from the AST: as written, with its alias, namespaces and template
// arguments. Clang 22 represents these types without the elaborated sugar of
// 19; the text is the same on both.
//
// RUN: %check_asyncctx %s asyncctx-enter-with %t -- --fix-notes

#include "mock_store.h"

#include <string>
#include <vector>

namespace app {
using Name = std::string;
namespace detail {
struct Row {
  int id;
};
} // namespace detail
inline namespace v1 {
struct Reply {};
} // namespace v1
} // namespace app

mock::store<Claims> claims_storage;
std::string respond();

#define NAME_HANDLER(name) app::Name name()
#define ROWS_HANDLER(name) std::vector<app::detail::Row> name()
#define REPLY_HANDLER(name) app::Reply name()

NAME_HANDLER(name) {
  claims_storage.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: rewrite into 'run' if no caller of 'name' reads store 'claims_storage' after it returns
  return respond();
}
// CHECK-FIXES: NAME_HANDLER(name) {
// CHECK-FIXES-NEXT:   return claims_storage.run(Claims{}, [&]() -> app::Name {

ROWS_HANDLER(rows) {
  claims_storage.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: rewrite into 'run' if no caller of 'rows' reads store 'claims_storage' after it returns
  return {};
}
// CHECK-FIXES: ROWS_HANDLER(rows) {
// CHECK-FIXES-NEXT:   return claims_storage.run(Claims{}, [&]() -> std::vector<app::detail::Row> {

namespace app {
REPLY_HANDLER(reply) {
  claims_storage.enter_with(Claims{});
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'enter_with' makes a value current in store 'claims_storage' with no scope; use 'run' instead [asyncctx-enter-with]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: rewrite into 'run' if no caller of 'reply' reads store 'claims_storage' after it returns
  return {};
}
// CHECK-FIXES: REPLY_HANDLER(reply) {
// CHECK-FIXES-NEXT:   return claims_storage.run(Claims{}, [&]() -> app::Reply {
} // namespace app

// The rewrite at run time. This program serves three invocations on one
// thread, like a warm Lambda container, with the reference store. Built as it
// is, each invocation starts with the previous caller's claims; built after
// `asyncctx-tidy -fix`, each starts with none, and inside each invocation
// every read observes the same value as before the fix.
//
// RUN: %clangxx %store_flags %s -o %t.before
// RUN: %t.before | FileCheck %s --check-prefixes=BOTH,BEFORE
//
// RUN: cp %s %t.cpp
// RUN: %asyncctx_tidy -fix -checks='-*,asyncctx-enter-with' --config={} %t.cpp -- -std=c++17 -I%asyncctx_include
// RUN: FileCheck %s --check-prefix=FIXED --input-file=%t.cpp
// RUN: %clangxx %store_flags %t.cpp -o %t.after
// RUN: %t.after | FileCheck %s --check-prefixes=BOTH,AFTER
//
// A second -fix changes nothing.
// RUN: cp %t.cpp %t.again.cpp
// RUN: %asyncctx_tidy -fix -checks='-*,asyncctx-enter-with' --config={} %t.again.cpp -- -std=c++17 -I%asyncctx_include
// RUN: diff %t.cpp %t.again.cpp

#include "asyncctx/context_store.h"

#include <cstdio>

struct Claims {
  int user;
};

asyncctx::context_store<Claims> claims_storage;

static void report(const char *where) {
  if (const Claims *claims = claims_storage.get_store())
    std::printf("%s: user %d\n", where, claims->user);
  else
    std::printf("%s: none\n", where);
}

static int list() {
  report("list");
  return claims_storage.get_store() ? claims_storage.get_store()->user * 10 : -1;
}

ASYNCCTX_INVOCATION int handle(int user) {
  report("start");
  claims_storage.enter_with(Claims{user});
  int items = list();
  report("end");
  return items;
}

int main() {
  for (int user = 1; user <= 3; ++user)
    std::printf("result %d\n", handle(user));
}

// FIXED: ASYNCCTX_INVOCATION int handle(int user) {
// FIXED-NEXT: report("start");
// FIXED-NEXT: return claims_storage.{{run}}(Claims{user}, [&]() -> int {
// FIXED-NEXT: int items = list();
// FIXED-NEXT: report("end");
// FIXED-NEXT: return items;
// FIXED-NEXT: });
// FIXED-NEXT: }

// BEFORE:    start: none
// AFTER:     start: none
// BOTH-NEXT: list: user 1
// BOTH-NEXT: end: user 1
// BOTH-NEXT: result 10
// BEFORE-NEXT: start: user 1
// AFTER-NEXT:  start: none
// BOTH-NEXT: list: user 2
// BOTH-NEXT: end: user 2
// BOTH-NEXT: result 20
// BEFORE-NEXT: start: user 2
// AFTER-NEXT:  start: none
// BOTH-NEXT: list: user 3
// BOTH-NEXT: end: user 3
// BOTH-NEXT: result 30

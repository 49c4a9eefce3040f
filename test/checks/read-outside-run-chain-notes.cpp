// A read at the end of a long chain of calls: the notes follow the first
// calls down, then say how many more there are, then show the read
// (MaxChainNotes, default 8; 0 shows them all).
//
// RUN: %check_asyncctx %s asyncctx-read-outside-run %t
// RUN: %check_asyncctx --check-suffix=THREE %s asyncctx-read-outside-run %t.three -- \
// RUN:   --config="{CheckOptions: {asyncctx-read-outside-run.MaxChainNotes: 3}}"
// RUN: %check_asyncctx --check-suffix=ALL %s asyncctx-read-outside-run %t.all -- \
// RUN:   --config="{CheckOptions: {asyncctx-read-outside-run.MaxChainNotes: 0}}"
//
// A chain of 1,000 calls, generated: one warning and 10 notes.
// RUN: %python -c "import sys; n = 1000; print('#include \"mock_store.h\"\nmock::store<Claims> s;\nstatic int f0() { return s.get_store()->user; }'); [print('static int f%d() { return f%d(); }' % (i, i - 1)) for i in range(1, n)]; print('int main() { return f%d(); }' % (n - 1))" > %t.long.cpp
// RUN: %asyncctx_tidy -checks='-*,asyncctx-read-outside-run' %t.long.cpp -- -std=c++17 -I%asyncctx_include -I%asyncctx_inputs > %t.long.out 2>&1 || true
// RUN: FileCheck %s --check-prefix=LONG --input-file=%t.long.out
// LONG: long.cpp:1003:21: warning: 'f999' reads store 's' where no scope is active
// LONG-NEXT: int main() { return f999(); }
// LONG: note: 'main' runs with no scope active
// LONG-COUNT-7: note: 'f{{[0-9]+}}' reads 's' through 'f{{[0-9]+}}' here
// LONG: long.cpp:995:{{[0-9]+}}: note: ... and 992 more calls down to the read
// LONG: long.cpp:3:{{[0-9]+}}: note: 'f0' reads 's' here
// RUN: grep -c 'note:' %t.long.out | FileCheck %s --check-prefix=LONG-NOTES
// LONG-NOTES: 10

#include "mock_store.h"

mock::store<Claims> claims_storage;

static int read_user() { return claims_storage.get_store()->user; }
static int level1() { return read_user(); }
static int level2() { return level1(); }
static int level3() { return level2(); }
static int level4() { return level3(); }
static int level5() { return level4(); }

int main() {
  return level5();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'level5' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES: :[[@LINE-6]]:30: note: 'level5' reads 'claims_storage' through 'level4' here
  // CHECK-MESSAGES: :[[@LINE-8]]:30: note: 'level4' reads 'claims_storage' through 'level3' here
  // CHECK-MESSAGES: :[[@LINE-10]]:30: note: 'level3' reads 'claims_storage' through 'level2' here
  // CHECK-MESSAGES: :[[@LINE-12]]:30: note: 'level2' reads 'claims_storage' through 'level1' here
  // CHECK-MESSAGES: :[[@LINE-14]]:30: note: 'level1' reads 'claims_storage' through 'read_user' here
  // CHECK-MESSAGES: :[[@LINE-16]]:48: note: 'read_user' reads 'claims_storage' here
  // CHECK-MESSAGES-THREE: :[[@LINE-9]]:10: warning: 'level5' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES-THREE: :[[@LINE-11]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES-THREE: :[[@LINE-14]]:30: note: 'level5' reads 'claims_storage' through 'level4' here
  // CHECK-MESSAGES-THREE: :[[@LINE-16]]:30: note: 'level4' reads 'claims_storage' through 'level3' here
  // CHECK-MESSAGES-THREE: :[[@LINE-18]]:30: note: ... and 3 more calls down to the read
  // CHECK-MESSAGES-THREE: :[[@LINE-22]]:48: note: 'read_user' reads 'claims_storage' here
  // CHECK-MESSAGES-ALL: :[[@LINE-15]]:10: warning: 'level5' reads store 'claims_storage' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES-ALL: :[[@LINE-17]]:5: note: 'main' runs with no scope active
  // CHECK-MESSAGES-ALL: :[[@LINE-20]]:30: note: 'level5' reads 'claims_storage' through 'level4' here
  // CHECK-MESSAGES-ALL: :[[@LINE-22]]:30: note: 'level4' reads 'claims_storage' through 'level3' here
  // CHECK-MESSAGES-ALL: :[[@LINE-24]]:30: note: 'level3' reads 'claims_storage' through 'level2' here
  // CHECK-MESSAGES-ALL: :[[@LINE-26]]:30: note: 'level2' reads 'claims_storage' through 'level1' here
  // CHECK-MESSAGES-ALL: :[[@LINE-28]]:30: note: 'level1' reads 'claims_storage' through 'read_user' here
  // CHECK-MESSAGES-ALL: :[[@LINE-30]]:48: note: 'read_user' reads 'claims_storage' here
}

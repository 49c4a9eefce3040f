// StrictMode: functions whose callers are unknown (externally visible with no
// caller here, or whose address is taken) are reported too, unless annotated
// ASYNCCTX_REQUIRES_SCOPE. Off by default: then this file is quiet.
//
// RUN: %check_asyncctx --check-suffix=STRICT %s asyncctx-read-outside-run %t.strict -- \
// RUN:   --config="{CheckOptions: {asyncctx-read-outside-run.StrictMode: true}}"
// RUN: %check_asyncctx --check-suffix=DEFAULT %s asyncctx-read-outside-run %t.default

#include "mock_store.h"

mock::store<Claims> claims_storage;

const Claims *bad_exported_reader() { return claims_storage.get_store(); }
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:61: warning: 'get_store' reads store 'claims_storage' in 'bad_exported_reader', whose callers are not known to open a scope [asyncctx-read-outside-run]
// CHECK-MESSAGES-STRICT: :[[@LINE-2]]:15: note: annotate 'bad_exported_reader' with ASYNCCTX_REQUIRES_SCOPE if its callers open the scope

int bad_escapes() { return claims_storage.get_store()->user; }
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:43: warning: 'get_store' reads store 'claims_storage' in 'bad_escapes', whose callers are not known to open a scope [asyncctx-read-outside-run]
// CHECK-MESSAGES-STRICT: :[[@LINE-2]]:5: note: annotate 'bad_escapes' with ASYNCCTX_REQUIRES_SCOPE if its callers open the scope
int (*callback)() = &bad_escapes;

ASYNCCTX_REQUIRES_SCOPE int good_annotated() { return claims_storage.get_store()->user; }

static int good_internal_and_called_in_scope() { return claims_storage.get_store()->user; }
ASYNCCTX_INVOCATION int handler(Claims c) {
  return claims_storage.run(c, good_internal_and_called_in_scope);
}

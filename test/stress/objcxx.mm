// Objective-C++: the checks run (it is C++) and stay silent on Objective-C
// declarations, messages and blocks around correct store use.
//
// RUN: %check_asyncctx %s 'asyncctx-*' %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void use(Claims *c);

@interface Handler
- (void)handle:(int)user;
+ (instancetype)alloc;
@end

@implementation Handler
- (void)handle:(int)user {
  claims_storage.run(Claims{user}, [] { use(claims_storage.get_store()); });
}
+ (instancetype)alloc {
  return 0;
}
@end

ASYNCCTX_INVOCATION void entry(Claims c) {
  Handler *h = [Handler alloc];
  [h handle:c.user];
  claims_storage.run(c, [&] { use(claims_storage.get_store()); });
}

// The note of asyncctx-lost-context wraps the kept callable in the store's
// bind, so that it runs with the value current where it was handed on. What
// the callable reads changes (another request's value, or none, before; the
// caller's after), so it is a note's fix: applied only with --fix-notes (this
// RUN), never by -fix (the second, which must change nothing). The fixed
// file compiles, and a second --fix-notes changes nothing.
//
// RUN: %check_asyncctx --std=c++17 %s asyncctx-lost-context %t -- --fix-notes
// RUN: cp %s %t.plain.cpp
// RUN: %asyncctx_tidy -fix -checks='-*,asyncctx-lost-context' --config={} %t.plain.cpp -- -std=c++17 -I%asyncctx_include
// RUN: diff %s %t.plain.cpp

#include "asyncctx/context_store.h"

#include <deque>
#include <functional>
#include <string>

struct Claims {
  std::string user;
};
asyncctx::context_store<Claims> claims_storage;

std::string current_user() {
  const Claims *claims = claims_storage.get_store();
  return claims ? claims->user : "anonymous";
}
void audit(const std::string &user) { (void)user; }

class Service {
public:
  void handle(Claims claims) {
    claims_storage.run(claims, [&] {
      jobs_.push_back([] { audit(current_user()); });
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the lambda is kept in 'jobs_' to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
      // CHECK-MESSAGES: :[[@LINE-2]]:34: note: the lambda reads 'claims_storage' through 'current_user' here
      // CHECK-MESSAGES: :25:41: note: 'get_store' reads 'claims_storage' here
      // CHECK-MESSAGES: :[[@LINE-4]]:23: note: wrap it in 'claims_storage.bind' to take the context along
      // CHECK-FIXES:       jobs_.push_back(claims_storage.bind([] { audit(current_user()); }));
      auto later = [] { audit(current_user()); };
      on_done_ = later;
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the lambda is kept in 'on_done_' to run later, without the context of store 'claims_storage' that it reads [asyncctx-lost-context]
      // CHECK-MESSAGES: :[[@LINE-3]]:31: note: the lambda reads 'claims_storage' through 'current_user' here
      // CHECK-MESSAGES: :25:41: note: 'get_store' reads 'claims_storage' here
      // CHECK-MESSAGES: :[[@LINE-4]]:18: note: wrap it in 'claims_storage.bind' to take the context along
      // CHECK-FIXES:       on_done_ = claims_storage.bind(later);
    });
  }
  void drain() {
    for (auto &job : jobs_)
      job();
    jobs_.clear();
    if (on_done_)
      on_done_();
  }

private:
  std::deque<std::function<void()>> jobs_;
  std::function<void()> on_done_;
};

int main() {
  Service service;
  service.handle(Claims{"alice"});
  service.drain();
}

// A user's own context library with folly's shape, configured through
// .clang-tidy options alone (no annotation, no profile): a set that returns
// the previous value, a snapshot, a never-empty read, a token function whose
// token a class keeps and ends itself. It gets the same rules as the folly
// and opentelemetry profiles: manual restores and clears are scopes,
// snapshots are no reads, the never-empty read is no defect but its null
// tests are, and a token ended by its own class is no leak.
//
// RUN: mkdir -p %t.dir
// RUN: printf '%%s\n' "Checks: '-*,asyncctx-*'" "CheckOptions:" \
// RUN:   "  asyncctx.Profiles: '-aws-lambda'" \
// RUN:   "  asyncctx.EnterWithFunctions: 'corp::Request::set'" \
// RUN:   "  asyncctx.SnapshotFunctions: 'corp::Request::snapshot'" \
// RUN:   "  asyncctx.ReadFunctions: 'corp::Request::find'" \
// RUN:   "  asyncctx.NeverEmptyReads: 'corp::Request::current'" \
// RUN:   "  asyncctx.ScopeGuards: 'corp::attach=corp::Request'" \
// RUN:   "  asyncctx.DisableFunctions: 'corp::detach=corp::Request'" \
// RUN:   "  asyncctx.InvocationFunctions: 'app::restore;app::restore_skipped;app::cleared;app::snapshot_only;app::tests'" \
// RUN:   > %t.dir/.clang-tidy
// RUN: %check_asyncctx %s 'asyncctx-*' %t -- --config-file=%t.dir/.clang-tidy

#include <memory>
#include <utility>

namespace corp {
struct Context {};
class Request {
public:
  static std::shared_ptr<Context> set(std::shared_ptr<Context> ctx); // returns the previous one
  static std::shared_ptr<Context> snapshot();
  static Context *current(); // never null: a root context outside any request
  static Context *find();    // null outside any request
};
class Token {
public:
  ~Token();
};
std::unique_ptr<Token> attach(std::shared_ptr<Context> ctx);
bool detach(Token &token);
} // namespace corp

void work();
void use(corp::Context *ctx);

namespace app {

void restore(std::shared_ptr<corp::Context> ctx) {
  auto saved = corp::Request::snapshot();
  corp::Request::set(std::move(ctx));
  use(corp::Request::find());
  corp::Request::set(std::move(saved));
}

void restore_skipped(std::shared_ptr<corp::Context> ctx, bool fail) {
  auto prev = corp::Request::set(std::move(ctx));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: store 'corp::Request' can still hold the value 'set' made current when 'restore_skipped' ends [asyncctx-invocation-leak]
  if (fail)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'restore_skipped' can end here with the value still current
  corp::Request::set(std::move(prev));
}

void cleared(std::shared_ptr<corp::Context> ctx) {
  corp::Request::set(std::move(ctx));
  work();
  corp::Request::set(nullptr);
}

void snapshot_only() {
  auto saved = corp::Request::snapshot();
  use(corp::Request::current());
  use(corp::Request::find());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'find' reads store 'corp::Request' where no scope is active [asyncctx-read-outside-run]
  // CHECK-MESSAGES: :[[@LINE-5]]:6: note: invocation 'snapshot_only' starts with no scope active
}

void tests() {
  if (corp::Request::current() != nullptr)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'current' never returns null: with no scope active it returns a default, so this test cannot tell whether a scope is active [asyncctx-read-outside-run]
    work();
}

} // namespace app

class Span {
public:
  explicit Span(std::shared_ptr<corp::Context> ctx) : token_(corp::attach(std::move(ctx))) {}
  void end() { corp::detach(*token_); }

private:
  std::unique_ptr<corp::Token> token_;
};

class LeakySpan {
public:
  explicit LeakySpan(std::shared_ptr<corp::Context> ctx) : token_(corp::attach(std::move(ctx))) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:60: warning: the scope guard made by 'attach' is kept in member 'token_': its scope of store 'corp::Request' ends only when the object is destroyed, and every invocation until then sees its value [asyncctx-invocation-leak]

private:
  std::unique_ptr<corp::Token> token_;
};

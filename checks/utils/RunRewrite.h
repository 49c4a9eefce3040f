//===--- RunRewrite.h - asyncctx-tidy -------------------------------------===//
//
// Plans the rewrite of an unscoped ENTER_WITH call into the scoped RUN of the
// same store:
//
//   s.enter_with(v);            s.run(v, [&] {
//   A;                   =>       A;
//   B;                            B;
//                               });
//
// The wrapped statements are the rest of the enclosing block, or the
// statements up to a later DISABLE of the same store in that block, which is
// then removed. When the block is a function's body and the function returns
// a value, the call becomes `return s.run(v, [&]() -> R { ... });`.
//
// The plan only says what the edits are, or why there can be none; whether
// they go on the warning or on a note is the check's decision.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_RUNREWRITE_H
#define ASYNCCTX_TIDY_UTILS_RUNREWRITE_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class CompoundStmt;
class FunctionDecl;
class Stmt;

namespace tidy::asyncctx {

struct RunRewrite {
  /// The edits; empty when the rewrite is blocked.
  std::vector<FixItHint> Edits;
  /// Why there is no rewrite ("the statements it would wrap contain
  /// 'co_await'"), and the place that shows it.
  std::string BlockedReason;
  SourceLocation BlockedAt;

  /// The function (or lambda call operator) whose statements are wrapped.
  const FunctionDecl *Function = nullptr;
  /// The wrapped statements run to the end of that function's body: nothing
  /// after them in the function can observe the change.
  bool ReachesFunctionEnd = false;
  /// A DISABLE of the same store ends the wrapped statements: after them the
  /// store is empty, before and after the rewrite alike.
  bool EndsAtDisable = false;

  bool blocked() const { return !BlockedReason.empty(); }
  /// In a function entered with no value current, the rewrite cannot change
  /// what any read observes: the wrapped statements end the function, or end
  /// at a DISABLE, so nothing after them saw the value before either.
  bool safeInEntryPoint() const { return !blocked() && (ReachesFunctionEnd || EndsAtDisable); }
};

/// What the planner learns of a block once (each statement's position, the
/// ENTER_WITH calls open before it, where each store's DISABLE calls are), so
/// that planning every call of a long block stays linear in its length. One
/// cache serves one translation unit.
class RunRewriteCache {
public:
  RunRewriteCache();
  ~RunRewriteCache();
  RunRewriteCache(const RunRewriteCache &) = delete;
  RunRewriteCache &operator=(const RunRewriteCache &) = delete;
  void clear();

  struct BlockInfo;
  const BlockInfo &info(const CompoundStmt *Block);

private:
  llvm::DenseMap<const CompoundStmt *, std::unique_ptr<BlockInfo>> Blocks;
};

/// Plans the rewrite of \p EnterWith, a call of an ENTER_WITH-role function.
RunRewrite planRunRewrite(const CallExpr *EnterWith, ASTContext &Ctx, RunRewriteCache &Cache);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_RUNREWRITE_H

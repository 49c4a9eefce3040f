//===--- RewriteSafety.h - asyncctx-tidy ----------------------------------===//
//
// The first half of the rewrite into RUN (utils/RunRewrite): which
// statements it would wrap, and whether moving them into a lambda is safe;
// if not, why, and the place that shows it. The second half, the edits, is
// in RunRewrite.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_REWRITESAFETY_H
#define ASYNCCTX_TIDY_UTILS_REWRITESAFETY_H

#include "RunRewrite.h"

#include <string>

namespace clang {
class CXXMethodDecl;
class LangOptions;
class SourceManager;

namespace tidy::asyncctx {

/// What a safe rewrite wraps, for the edits.
struct RewritePlan {
  const CallExpr *Call = nullptr;
  const CXXMethodDecl *RunMember = nullptr;
  const CompoundStmt *Block = nullptr;
  /// The DISABLE that bounds the wrapped statements, removed by the rewrite.
  const Stmt *Disable = nullptr;
  /// After the call's `;`, and after the last wrapped statement's.
  SourceLocation RegionBegin, RegionEnd;
  /// `return s.run(v, ...)`: the wrapped statements end the function.
  bool ReturnForm = false;
  /// `[&]`, or `[&]() -> R` with the function's result type as written.
  std::string LambdaIntro = "[&]";
};

/// Checks the rewrite of the ENTER_WITH call of \p Fact: the result says
/// where it applies (ReachesFunctionEnd, EndsAtDisable) or why it is
/// refused; when it is not, \p Plan holds what the edits need.
RunRewrite checkRunRewrite(const EnterWithFact &Fact, ASTContext &Ctx, RunRewriteCache &Cache,
                           RewritePlan &Plan);

/// Where a statement's text ends, including the `;` that ends it; invalid
/// when it ends inside a macro.
SourceLocation statementEnd(const Stmt *S, const SourceManager &SM, const LangOptions &LO);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_REWRITESAFETY_H

//===--- EnterWithCheck.h - asyncctx-tidy ---------------------------------===//

#ifndef ASYNCCTX_TIDY_ENTERWITHCHECK_H
#define ASYNCCTX_TIDY_ENTERWITHCHECK_H

#include "utils/RunRewrite.h"
#include "utils/TranslationUnitCheck.h"

#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncctx {

/// Finds calls that make a store's value current with no scope
/// (`enter_with`), where the scoped `run` is the safe alternative.
///
/// For the user-facing documentation see:
/// docs/checks/enter-with.md
class EnterWithCheck : public TranslationUnitCheck {
public:
  using TranslationUnitCheck::TranslationUnitCheck;
  void onStartOfTranslationUnit() override;

private:
  void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) override;
  void reportCall(const CallExpr *Call, const ScopeFacts &Facts, ASTContext &Ctx);

  /// Calls already reported, by spelling location: a template's call is
  /// seen once in the pattern and once per instantiation.
  llvm::DenseSet<SourceLocation> Reported;
  RunRewriteCache Rewrites;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_ENTERWITHCHECK_H

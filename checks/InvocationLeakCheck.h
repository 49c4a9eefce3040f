//===--- InvocationLeakCheck.h - asyncctx-tidy ----------------------------===//

#ifndef ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H
#define ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H

#include "utils/StoreValues.h"
#include "utils/TranslationUnitCheck.h"

#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncctx {

/// Finds values of a context store that can outlive their invocation: a
/// value entered and not cleared on some path, a value read from a store and
/// kept in static storage, a scope that never ends.
///
/// For the user-facing documentation see:
/// docs/checks/invocation-leak.md
class InvocationLeakCheck : public TranslationUnitCheck {
public:
  InvocationLeakCheck(StringRef Name, ClangTidyContext *Context);
  void onStartOfTranslationUnit() override;

private:
  void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) override;
  void checkEndedInvocations(const ScopeFacts &Facts, ASTContext &Ctx);
  void checkKeptValue(const Expr *Value, const NamedDecl *Target, SourceLocation Loc);
  void checkNeverEndingScopes(const ScopeFacts &Facts);

  /// Whether asyncctx-enter-with runs too: it offers the same rewrite of an
  /// enter_with, and clang-tidy drops two identical fixes from two checks.
  const bool EnterWithCheckEnabled;
  llvm::DenseSet<SourceLocation> Reported;
  /// What functions return, learnt once per translation unit.
  StoreValueFinder Values;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H

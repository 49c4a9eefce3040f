//===--- InvocationLeakCheck.h - asyncctx-tidy ----------------------------===//

#ifndef ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H
#define ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H

#include "utils/InvocationOptions.h"
#include "utils/StoreValues.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncctx {

/// Finds values of a context store that can outlive their invocation: a
/// value entered and not cleared on some path, a value read from a store and
/// kept in static storage, a scope that never ends.
///
/// For the user-facing documentation see:
/// docs/checks/invocation-leak.md
class InvocationLeakCheck : public ClangTidyCheck {
public:
  InvocationLeakCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  void checkEndedInvocations(ASTContext &Ctx);
  void checkKeptValue(const Expr *Value, const NamedDecl *Target, SourceLocation Loc);
  void checkNeverEndingScopes(const ScopeFacts &Facts);

  const InvocationOptions Invocations;
  /// Whether asyncctx-enter-with runs too: it offers the same rewrite of an
  /// enter_with, and clang-tidy drops two identical fixes from two checks.
  const bool EnterWithCheckEnabled;
  llvm::DenseSet<SourceLocation> Reported;
  /// What functions return, learnt once per translation unit.
  StoreValueFinder Values;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H

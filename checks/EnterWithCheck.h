//===--- EnterWithCheck.h - asyncctx-tidy ---------------------------------===//

#ifndef ASYNCCTX_TIDY_ENTERWITHCHECK_H
#define ASYNCCTX_TIDY_ENTERWITHCHECK_H

#include "utils/InvocationOptions.h"
#include "utils/RunRewrite.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncctx {

/// Finds calls that make a store's value current with no scope
/// (`enter_with`), where the scoped `run` is the safe alternative.
///
/// For the user-facing documentation see:
/// docs/checks/enter-with.md
class EnterWithCheck : public ClangTidyCheck {
public:
  EnterWithCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), Invocations(Options) {}
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Invocations.store(Options, Opts);
  }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  void reportCall(const CallExpr *Call, ASTContext &Ctx);

  /// The invocation options, so that this check and the others share one
  /// analysis of the translation unit.
  const InvocationOptions Invocations;
  /// Calls already reported, by spelling location: a template's call is
  /// seen once in the pattern and once per instantiation.
  llvm::DenseSet<SourceLocation> Reported;
  RunRewriteCache Rewrites;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_ENTERWITHCHECK_H

//===--- ReadOutsideRunCheck.h - asyncctx-tidy ----------------------------===//

#ifndef ASYNCCTX_TIDY_READOUTSIDERUNCHECK_H
#define ASYNCCTX_TIDY_READOUTSIDERUNCHECK_H

#include "utils/InvocationOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::asyncctx {

struct ReadFact;

/// Finds reads of a context store where no scope of that store is active,
/// within a function and across the functions of the translation unit.
///
/// For the user-facing documentation see:
/// docs/checks/read-outside-run.md
class ReadOutsideRunCheck : public ClangTidyCheck {
public:
  ReadOutsideRunCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  void report(const ReadFact &Fact, ASTContext &Ctx);

  /// Also report functions whose callers are unknown (see the docs).
  const bool StrictMode;
  const InvocationOptions Invocations;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_READOUTSIDERUNCHECK_H

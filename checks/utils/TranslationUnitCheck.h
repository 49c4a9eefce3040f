//===--- TranslationUnitCheck.h - asyncctx-tidy ---------------------------===//
//
// What every asyncctx check shares: C++ only; the role configuration (global
// keys, utils/RoleConfig.h); one translation-unit matcher whose callback
// receives the facts of the shared analysis (one traversal of the user's
// code and one analysis per translation unit, whichever checks are on). A
// check only turns facts into diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_TRANSLATIONUNITCHECK_H
#define ASYNCCTX_TIDY_UTILS_TRANSLATIONUNITCHECK_H

#include "RoleConfig.h"
#include "ScopeAnalysis.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <memory>

namespace clang::tidy::asyncctx {

class TranslationUnitCheck : public ClangTidyCheck {
public:
  TranslationUnitCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  /// Forgets the last translation unit's facts; an override calls this too.
  void onStartOfTranslationUnit() override;

protected:
  virtual void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) = 0;
  const RoleConfig &roles() const { return *Config; }

private:
  const std::shared_ptr<const RoleConfig> Config;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_UTILS_TRANSLATIONUNITCHECK_H

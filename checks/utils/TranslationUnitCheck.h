//===--- TranslationUnitCheck.h - asyncctx-tidy ---------------------------===//
//
// What every asyncctx check shares: C++ only; the role configuration (global
// keys, utils/RoleConfig.h); one translation-unit matcher whose callback
// receives the facts of the shared analysis (utils/AnalysisSession: one
// traversal of the user's code and one analysis per translation unit,
// whichever checks are on). A check only turns facts into diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_TRANSLATIONUNITCHECK_H
#define ASYNCCTX_TIDY_UTILS_TRANSLATIONUNITCHECK_H

#include "AnalysisSession.h"
#include "RoleConfig.h"
#include "ScopeFacts.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <memory>

namespace clang::tidy::asyncctx {

class TranslationUnitCheck : public ClangTidyCheck {
public:
  TranslationUnitCheck(StringRef Name, ClangTidyContext *Context,
                       std::shared_ptr<AnalysisSession> Session);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) final;
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;

protected:
  virtual void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) = 0;
  const RoleConfig &roles() const { return *Config; }

private:
  std::shared_ptr<const RoleConfig> readConfig(StringRef Name, ClangTidyContext *Context,
                                               AnalysisSession &Session);

  const std::shared_ptr<const RoleConfig> Config;
  const FactsSettings Facts;
  const std::shared_ptr<TranslationUnitFacts> Unit;
  /// The translation unit's preprocessor: how it was parsed, for a parse of
  /// what clangd's preamble holds without bodies (utils/HeaderFacts).
  const Preprocessor *PP = nullptr;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_UTILS_TRANSLATIONUNITCHECK_H

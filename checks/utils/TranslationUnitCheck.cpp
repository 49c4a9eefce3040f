//===--- TranslationUnitCheck.cpp - asyncctx-tidy -------------------------===//

#include "TranslationUnitCheck.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncctx {

/// The checks (Checks.def): the first one that is on reports the
/// configuration's errors, so that each is reported once.
static constexpr llvm::StringLiteral CheckNames[] = {
#define ASYNCCTX_CHECK(Class, Name, Summary) "asyncctx-" Name,
#include "Checks.def"
};

/// The configuration a check reads, through its options view (so that
/// --verify-config knows the keys); the first check that is on reports its
/// errors.
std::shared_ptr<const RoleConfig> TranslationUnitCheck::readConfig(StringRef Name,
                                                                   ClangTidyContext *Context,
                                                                   AnalysisSession &Session) {
  ClangTidyOptions::OptionMap Values;
  for (llvm::StringRef Key : RoleConfig::keys())
    if (std::optional<StringRef> Value = Options.getLocalOrGlobal(Key))
      Values[Key] = ClangTidyOptions::ClangTidyValue(*Value);
  AnalysisSession::ParsedConfig Parsed = Session.config(Values);
  const auto *Reporter = llvm::find_if(
      CheckNames, [&](StringRef Check) { return Context->isCheckEnabled(Check); });
  if (Reporter == std::end(CheckNames) || *Reporter == Name) {
    for (const std::string &Error : Parsed.Errors)
      configurationDiag("invalid asyncctx configuration: %0", DiagnosticIDs::Error) << Error;
    for (const std::string &Error : RoleConfig::unknownKeys(Context->getOptions().CheckOptions))
      configurationDiag("invalid asyncctx configuration: %0", DiagnosticIDs::Error) << Error;
  }
  return Parsed.Config;
}

TranslationUnitCheck::TranslationUnitCheck(StringRef Name, ClangTidyContext *Context,
                                           std::shared_ptr<AnalysisSession> Session)
    : ClangTidyCheck(Name, Context),
      Config(readConfig(Name, Context, *Session)),
      Unit(Session->translationUnit(Context)) {}

void TranslationUnitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Config->store(Opts);
}

void TranslationUnitCheck::registerMatchers(MatchFinder *Finder) {
  // Everything comes from the shared analysis, whose traversal skips system
  // headers: no matcher is tried on every node of the standard library.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void TranslationUnitCheck::check(const MatchFinder::MatchResult &Result) {
  checkTranslationUnit(Unit->get(*Result.Context, Config), *Result.Context);
}

} // namespace clang::tidy::asyncctx

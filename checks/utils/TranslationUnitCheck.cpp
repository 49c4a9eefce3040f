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

TranslationUnitCheck::TranslationUnitCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Config([&] {
        // Read through the check's options view, so that --verify-config
        // knows the keys.
        ClangTidyOptions::OptionMap Values;
        for (llvm::StringRef Key : RoleConfig::keys())
          if (std::optional<StringRef> Value = Options.getLocalOrGlobal(Key))
            Values[Key] = ClangTidyOptions::ClangTidyValue(*Value);
        std::vector<std::string> Errors;
        auto Result = RoleConfig::get(Values, Errors);
        const auto *Reporter = llvm::find_if(
            CheckNames, [&](StringRef Check) { return Context->isCheckEnabled(Check); });
        if (Reporter == std::end(CheckNames) || *Reporter == Name)
          for (const std::string &Error : Errors)
            configurationDiag("invalid asyncctx configuration: %0", DiagnosticIDs::Error) << Error;
        return Result;
      }()) {}

void TranslationUnitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Config->store(Opts);
}

void TranslationUnitCheck::onStartOfTranslationUnit() { forgetSharedScopeFacts(); }

void TranslationUnitCheck::registerMatchers(MatchFinder *Finder) {
  // Everything comes from the shared analysis, whose traversal skips system
  // headers: no matcher is tried on every node of the standard library.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void TranslationUnitCheck::check(const MatchFinder::MatchResult &Result) {
  useRoleConfig(Config);
  checkTranslationUnit(sharedScopeFacts(*Result.Context), *Result.Context);
}

} // namespace clang::tidy::asyncctx

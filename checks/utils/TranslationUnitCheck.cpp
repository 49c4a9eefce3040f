//===--- TranslationUnitCheck.cpp - asyncctx-tidy -------------------------===//

#include "TranslationUnitCheck.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncctx {

void TranslationUnitCheck::registerMatchers(MatchFinder *Finder) {
  // Everything comes from the shared analysis, whose traversal skips system
  // headers: no matcher is tried on every node of the standard library.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void TranslationUnitCheck::check(const MatchFinder::MatchResult &Result) {
  ScopeAnalysisOptions Options;
  Invocations.applyTo(Options);
  checkTranslationUnit(sharedScopeFacts(*Result.Context, Options), *Result.Context);
}

} // namespace clang::tidy::asyncctx

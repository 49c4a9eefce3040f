//===--- EnterWithCheck.h - asyncctx-tidy ---------------------------------===//

#ifndef ASYNCCTX_TIDY_ENTERWITHCHECK_H
#define ASYNCCTX_TIDY_ENTERWITHCHECK_H

#include "utils/RunRewrite.h"
#include "utils/TranslationUnitCheck.h"

namespace clang::tidy::asyncctx {

/// Finds calls that make a store's value current with no scope
/// (`enter_with`), where the scoped `run` is the safe alternative.
///
/// For the user-facing documentation see:
/// docs/checks/enter-with.md
class EnterWithCheck : public TranslationUnitCheck {
public:
  using TranslationUnitCheck::TranslationUnitCheck;

private:
  void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) override;
  void report(const EnterWithFact &Fact, RunRewriteCache &Rewrites, ASTContext &Ctx);
  /// The note that offers the rewrite where it may change what a caller
  /// observes (applied only with --fix-notes).
  void offerOnNote(const EnterWithFact &Fact, const RunRewrite &Plan, ASTContext &Ctx);
};

/// Why there is no rewrite into RUN, in words ("'break' would leave the
/// lambda that 'run' calls").
std::string describeRefusal(const RewriteRefusal &Refusal, const RunRewrite &Plan);

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_ENTERWITHCHECK_H

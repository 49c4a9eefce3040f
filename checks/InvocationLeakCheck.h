//===--- InvocationLeakCheck.h - asyncctx-tidy ----------------------------===//

#ifndef ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H
#define ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H

#include "utils/TranslationUnitCheck.h"

namespace clang::tidy::asyncctx {

/// Finds values of a context store that can outlive their invocation: a
/// value entered and not cleared on some path, a value read from a store and
/// kept in static storage, a scope that never ends.
///
/// For the user-facing documentation see:
/// docs/checks/invocation-leak.md
class InvocationLeakCheck : public TranslationUnitCheck {
public:
  InvocationLeakCheck(StringRef Name, ClangTidyContext *Context,
                      std::shared_ptr<AnalysisSession> Session);

private:
  void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) override;
  void reportLeaks(const ScopeFacts &Facts, ASTContext &Ctx);
  /// A leak of an ENTER_WITH in another file (the facts of that file say
  /// what the function called here does).
  void reportLeakElsewhere(const LeakFact &Leak, ASTContext &Ctx);
  void reportKeptValues(const ScopeFacts &Facts, ASTContext &Ctx);
  void reportNeverEndingScopes(const ScopeFacts &Facts, ASTContext &Ctx);
  // Deferred work: work that leaves its context behind (rule 3), snapshots
  // that outlive their work (rule 4).
  void reportUnisolatedRuns(const ScopeFacts &Facts, ASTContext &Ctx);
  void reportKeptSnapshots(const ScopeFacts &Facts, ASTContext &Ctx);
  void reportImplicitCaptures(const ScopeFacts &Facts, ASTContext &Ctx);

  /// Whether asyncctx-enter-with runs too: it offers the same rewrite of an
  /// enter_with, and clang-tidy drops two identical fixes from two checks.
  const bool EnterWithCheckEnabled;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_INVOCATIONLEAKCHECK_H

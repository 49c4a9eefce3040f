//===--- SuspendInScopeCheck.h - asyncctx-tidy ----------------------------===//

#ifndef ASYNCCTX_TIDY_SUSPENDINSCOPECHECK_H
#define ASYNCCTX_TIDY_SUSPENDINSCOPECHECK_H

#include "utils/TranslationUnitCheck.h"

namespace clang::tidy::asyncctx {

/// Finds coroutines that suspend (`co_await`, `co_yield`) while a scope they
/// opened is active, where the thread-local value does not follow them.
///
/// For the user-facing documentation see:
/// docs/checks/suspend-in-scope.md
class SuspendInScopeCheck : public TranslationUnitCheck {
public:
  using TranslationUnitCheck::TranslationUnitCheck;

private:
  void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) override;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_SUSPENDINSCOPECHECK_H

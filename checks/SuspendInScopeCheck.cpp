//===--- SuspendInScopeCheck.cpp - asyncctx-tidy --------------------------===//
//
// Reporting only: utils/ScopeDataflow finds each co_await or co_yield
// reached while a scope the coroutine opened in its own body (an ENTER_WITH
// not yet disabled, a live guard) is active, and leaves out coroutines whose
// task type carries the context. One warning per suspension point, naming
// the first such store; a note for each scope, where it was opened, and one
// that says what to write instead.
//
// No fix-it: moving the suspension out of the scope, or the scope's end
// before it, changes what the code between them reads.
//
//===----------------------------------------------------------------------===//

#include "SuspendInScopeCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::asyncctx {

void SuspendInScopeCheck::checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) {
  // One warning per suspension point, with the scopes open there in the
  // order found.
  llvm::MapVector<SourceLocation, llvm::SmallVector<const SuspendFact *, 2>> ByPlace;
  for (const SuspendFact &Fact : Facts.Suspends)
    ByPlace[Fact.KeywordLoc].push_back(&Fact);
  const PrintingPolicy &Policy = Ctx.getPrintingPolicy();
  for (const auto &[Loc, Open] : ByPlace) {
    const SuspendFact &First = *Open.front();
    bool Yield = First.IsYield;
    diag(Loc, "%select{'co_await'|'co_yield'}0 suspends the coroutine while the scope of store "
              "'%1' it opened is active: the value stays with this thread while it waits, and "
              "is gone where it resumes")
        << Yield << First.Store.name(Policy);
    for (const SuspendFact *Fact : Open) {
      if (Fact->OpenedByGuard)
        diag(Fact->OpenedAt, "scope guard %0 opened the scope of store '%1' here",
             DiagnosticIDs::Note)
            << Fact->OpenedBy << Fact->Store.name(Policy);
      else
        diag(Fact->OpenedAt, "%0 made a value current in store '%1' here", DiagnosticIDs::Note)
            << Fact->OpenedBy << Fact->Store.name(Policy);
    }
    diag(Loc, "close the scope before the suspension and open it again after it, or return a "
              "task type that carries the context (ASYNCCTX_CARRIES_CONTEXT)",
         DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::asyncctx

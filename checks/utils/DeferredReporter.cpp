//===--- DeferredReporter.cpp - asyncctx-tidy -----------------------------===//
//
// What the converged states say of deferred work (spec, "Deferred work and
// the code it runs"), read by utils/ScopeReporter as it walks the steps:
//
//   rule 1  a callable kept for later (RunsIn::Kept) that needs a store
//           where a scope of it may be active at the hand-off: it will run
//           with another request's value, or none (LostContextFact)
//   rule 2  an item whose carried context the function installs for some of
//           its work, run where that context is not current
//           (UncarriedWorkFact, RunOutside)
//   rule 3  an item taken from a queue, run while a context that an
//           ENTER_WITH installed with no scope is current, with no live guard
//           and no later restore in the function (UnisolatedRunFact)
//   rule 4  an implicit capture of the context for `this` or one of its
//           members, where a scope this function opened is active, or where
//           `this` schedules itself from its own callback and the context
//           was not cleared (ImplicitCaptureFact)
//
//===----------------------------------------------------------------------===//

#include "AnalysisContext.h"
#include "FunctionIndex.h"
#include "ScopeReporter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::asyncctx {

void ScopeReporter::keptForLater(const HandoffStep &HS, const State &St) {
  auto [Callable, Sum] = handedOn(HS);
  if (!Sum)
    return;
  llvm::SmallPtrSet<const void *, 2> Seen;
  for (const auto &Entry : Sum->Needs) {
    const Need &N = Entry.second;
    StoreRef Store = storeAtCall(N.Path.Store, Callable, {});
    StoreState At = St.lookup(Store);
    // Where no scope can be active there is no context to lose.
    if (At.Scopes.empty() || At.Scopes.only(ScopeKind::No) || !Seen.insert(Store.key()).second)
      continue;
    LostContextFact Fact;
    Fact.Arg = HS.H.Arg;
    Fact.Callable = Callable;
    Fact.Inline = HS.Inline;
    Fact.At = HS.At;
    Fact.By = HS.By;
    Fact.KeptIn = HS.H.KeptIn;
    Fact.KeptBy = HS.H.KeptBy;
    Fact.Store = Store;
    Fact.Path = N.Path;
    Fact.Path.Store = Store;
    Fact.ScopeActive = At.Scopes.only(ScopeKind::In);
    if (Store.Object && !HS.H.Arg->getType()->isFunctionPointerType() &&
        Context.Roles.findMemberWithRole(Store.Class, Role::Bind))
      Fact.Bindable = HS.H.Arg;
    Result.LostContexts.push_back(std::move(Fact));
  }
}

void ScopeReporter::runsWork(const Step &S, const State &St) {
  if (!Current)
    return;
  if (S.ItemCarriesContext && !St.lookup(S.Store).Scopes.only(ScopeKind::In)) {
    UncarriedWorkFact Fact;
    Fact.K = UncarriedWorkFact::Kind::RunOutside;
    Fact.Loc = S.Loc;
    Fact.Function = Current->FD;
    Fact.Work = S.Work;
    Fact.Item = S.Var;
    Fact.Store = S.Store;
    Result.UncarriedWork.push_back(Fact);
  }
  if (!S.FromQueue)
    return;
  for (const auto &Entry : St.stores()) {
    const StoreState &Open = Entry.second;
    if (!Open.Scopes.has(ScopeKind::In) || !Open.EnteredBy || St.guardedBy(Open.Store))
      continue;
    Result.UnisolatedRuns.push_back(
        {S.Loc, Current->FD, S.Work, S.Var, Open.Store, Open.EnteredBy, Open.EnteredVia});
  }
}

/// Whether \p S, a step after a run of work, puts back the context of
/// \p Store: a DISABLE of it (a manual restore), or a call or scope-exit
/// lambda whose effect on it is no value.
static bool restores(const Step &S, const StoreRef &Store, const SummaryMap &Summaries) {
  if (S.K == Step::Kind::Disable)
    return S.Store.key() == Store.key();
  if (S.K != Step::Kind::Call && S.K != Step::Kind::Effects)
    return false;
  auto It = Summaries.find(S.Callee->getCanonicalDecl());
  if (It == Summaries.end())
    return false;
  return llvm::any_of(It->second.Effects, [&](const StoreState &Effect) {
    return Effect.Store.key() == Store.key() && !Effect.Scopes.has(ScopeKind::In);
  });
}

void ScopeReporter::keepUnrestoredRuns() {
  if (Result.UnisolatedRuns.empty())
    return;
  const SourceManager &SM = Context.AST.getSourceManager();
  llvm::erase_if(Result.UnisolatedRuns, [&](const UnisolatedRunFact &Run) {
    return llvm::any_of(Steps.all(), [&](const Step &S) {
      // A scope-exit lambda runs at the end of its block, after the run.
      bool AtExit = S.K == Step::Kind::Effects && S.Var;
      bool After = AtExit || SM.isBeforeInTranslationUnit(Run.Loc, S.Loc);
      return After && restores(S, Run.Store, Summaries);
    });
  });
}

void ScopeReporter::captures(const Step &S, const State &St) {
  if (!Current)
    return;
  ImplicitCaptureFact Fact;
  Fact.Call = cast<CallExpr>(S.S);
  Fact.Callee = S.Callee;
  Fact.Function = Current->FD;
  for (const auto &Entry : St.stores()) {
    const StoreState &Open = Entry.second;
    if (!Open.Scopes.only(ScopeKind::In) || !(Open.Guard || Open.enteredHere()))
      continue;
    Fact.K = ImplicitCaptureFact::Kind::InScope;
    Fact.Store = Open.Store;
    Fact.OpenedAt = Open.Guard ? Open.Guard->getLocation() : Open.EnteredBy->getExprLoc();
    Fact.OpenedBy = Open.Guard ? static_cast<const NamedDecl *>(Open.Guard)
                               : Open.EnteredBy->getDirectCallee();
    Result.ImplicitCaptures.push_back(Fact);
    return;
  }
  if (!S.SelfRescheduling || St.defaultState().Scopes.only(ScopeKind::No))
    return;
  // Scheduled under an empty scope: nothing is captured.
  for (const auto &Entry : St.stores())
    if (Entry.second.Scopes.only(ScopeKind::No))
      return;
  Fact.K = ImplicitCaptureFact::Kind::SelfRescheduling;
  Result.ImplicitCaptures.push_back(Fact);
}

} // namespace clang::tidy::asyncctx

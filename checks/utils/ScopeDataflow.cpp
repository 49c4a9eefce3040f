//===--- ScopeDataflow.cpp - asyncctx-tidy --------------------------------===//
//
// The transfer functions and the worklist (the rule is in ScopeDataflow.h,
// the lattice in ScopeLattice.h).
//
//===----------------------------------------------------------------------===//

#include "ScopeDataflow.h"

#include "clang/AST/Decl.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"

namespace clang::tidy::asyncctx {

void ScopeTransfer::applyEffects(const FunctionDecl *Callee, SourceLocation Loc,
                                 llvm::ArrayRef<const Expr *> Args, State &St) const {
  auto It = Summaries.find(Callee->getCanonicalDecl());
  if (It == Summaries.end())
    return;
  for (const StoreState &Effect : It->second.Effects) {
    StoreState After;
    After.Store = storeAtCall(Effect.Store, Callee, Args);
    StoreState Before = St.lookup(After.Store);
    After.Scopes = Effect.Scopes.resolveEntry(Before.Scopes);
    bool Clears = Effect.Scopes.has(ScopeKind::No) || !Before.Scopes.has(ScopeKind::No);
    After.Origin = Clears ? Effect.Origin : Before.Origin;
    if (Effect.EnteredBy) {
      After.EnteredBy = Effect.EnteredBy;
      After.EnteredVia = Loc;
    } else if (Before.Scopes.has(ScopeKind::In)) {
      After.EnteredBy = Before.EnteredBy;
      After.EnteredVia = Before.EnteredVia;
    }
    St.assign(std::move(After));
  }
}

void ScopeTransfer::apply(const Step &S, State &St) const {
  switch (S.K) {
  case Step::Kind::Enter:
    St.enter(S.Store, cast<CallExpr>(S.S));
    return;
  case Step::Kind::Disable:
    St.clear(S.Store, {NoScopeOrigin::Disabled, S.Loc, S.Callee});
    return;
  case Step::Kind::Call:
    applyEffects(S.Callee, S.Loc, S.Args, St);
    return;
  case Step::Kind::GuardBegins:
    // A guard given an empty value clears its store until it ends.
    St.beginGuard(S.Var, S.Store, S.RestoresOnly || S.Clears);
    if (S.Clears)
      St.clear(S.Store, {NoScopeOrigin::Disabled, S.Loc, S.Callee});
    return;
  case Step::Kind::GuardEnds:
    St.endGuard(S.Var);
    return;
  case Step::Kind::RunsAtEnd:
    applyEffects(S.Callee, S.Loc, {}, St);
    return;
  case Step::Kind::Suspend:
    St.suspend(S.Loc);
    return;
  case Step::Kind::Read:
  case Step::Kind::Handoff:
  case Step::Kind::RunsWork:
  case Step::Kind::Captures:
    return;
  }
}

BlockStates solveScopes(const CFG &Graph, PostOrderCFGView &Order,
                        const FunctionSteps &Steps, const ScopeTransfer &Transfer,
                        const State &Start) {
  BlockStates AtEntry(Graph.getNumBlockIDs());
  AtEntry[Graph.getEntry().getBlockID()] = Start;
  ForwardDataflowWorklist Work(Graph, &Order);
  Work.enqueueBlock(&Graph.getEntry());
  while (const CFGBlock *Block = Work.dequeue()) {
    State St = *AtEntry[Block->getBlockID()];
    for (const Step &S : Steps.of(*Block))
      Transfer.apply(S, St);
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs()) {
      const CFGBlock *Next = Succ.getReachableBlock();
      if (!Next)
        continue;
      std::optional<State> &Into = AtEntry[Next->getBlockID()];
      bool Changed = !Into;
      if (!Into)
        Into = St;
      else
        Changed = Into->join(St);
      if (Changed)
        Work.enqueueBlock(Next);
    }
  }
  return AtEntry;
}

} // namespace clang::tidy::asyncctx

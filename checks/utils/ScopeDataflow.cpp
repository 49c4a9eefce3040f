//===--- ScopeDataflow.cpp - asyncctx-tidy --------------------------------===//
//
// The transfer functions and the worklist (the rule is in ScopeDataflow.h,
// the lattice in ScopeLattice.h).
//
//===----------------------------------------------------------------------===//

#include "ScopeDataflow.h"

#include "clang/AST/Decl.h"
#include "clang/AST/StmtCXX.h"
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
    if (Effect.EnteredBy || Effect.EnteredElsewhere) {
      After.EnteredBy = Effect.EnteredBy;
      After.EnteredElsewhere = Effect.EnteredElsewhere;
      After.EnteredVia = Loc;
    } else if (Before.Scopes.has(ScopeKind::In)) {
      After.EnteredBy = Before.EnteredBy;
      After.EnteredElsewhere = Before.EnteredElsewhere;
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
  case Step::Kind::GuardReleased:
    St.releaseGuard(S.Var);
    return;
  case Step::Kind::Effects:
    applyEffects(S.Callee, S.Loc, {}, St);
    return;
  case Step::Kind::Suspend:
    St.suspend(S.Loc);
    return;
  case Step::Kind::Read:
  case Step::Kind::Handoff:
  case Step::Kind::RunsWork:
  case Step::Kind::Captures:
  case Step::Kind::Throws:
    return;
  }
}

/// \p St after an exception ended \p Guards.
static State unwound(State St, llvm::ArrayRef<const VarDecl *> Guards) {
  for (const VarDecl *Guard : Guards)
    St.endGuard(Guard);
  return St;
}

BlockStates solveScopes(const CFG &Graph, PostOrderCFGView &Order,
                        const FunctionSteps &Steps, const ScopeTransfer &Transfer,
                        const State &Start) {
  BlockStates AtEntry(Graph.getNumBlockIDs());
  AtEntry[Graph.getEntry().getBlockID()] = Start;
  ForwardDataflowWorklist Work(Graph, &Order);
  Work.enqueueBlock(&Graph.getEntry());
  auto Flow = [&](const CFGBlock *Next, const State &St) {
    std::optional<State> &Into = AtEntry[Next->getBlockID()];
    bool Changed = !Into;
    if (!Into)
      Into = St;
    else
      Changed = Into->join(St);
    if (Changed)
      Work.enqueueBlock(Next);
  };
  while (const CFGBlock *Block = Work.dequeue()) {
    State St = *AtEntry[Block->getBlockID()];
    // An exception thrown in a try block reaches its handlers from anywhere
    // in it (the CFG has edges only from `throw`), with the guards declared
    // in it ended: from this block's state where it enters the try block
    // and at its end.
    const CFGBlock *Dispatch = Steps.dispatchOf(*Block);
    llvm::ArrayRef<Step> Mine = Steps.of(*Block);
    unsigned TryBegins = Dispatch ? Steps.tryBeginsAt(*Block) : Mine.size();
    for (unsigned I = 0; I < Mine.size(); ++I) {
      if (I == TryBegins)
        Flow(Dispatch, unwound(St, Steps.unwoundAt(*Dispatch)));
      Transfer.apply(Mine[I], St);
    }
    if (Dispatch) {
      if (TryBegins == Mine.size())
        Flow(Dispatch, unwound(St, Steps.unwoundAt(*Dispatch)));
      Flow(Dispatch, unwound(St, Steps.unwoundAt(*Dispatch)));
    }
    // A `throw` in a try block leaves it through its handlers' block: the
    // guards of the try block have ended there too. An exception that no
    // handler takes is not followed out (the index takes any handler as
    // catching: FunctionInfo::MayThrow).
    bool IsDispatch = isa_and_nonnull<CXXTryStmt>(Block->getTerminatorStmt());
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock(); Next && !(IsDispatch && Next == &Graph.getExit()))
        Flow(Next, isa_and_nonnull<CXXTryStmt>(Next->getTerminatorStmt())
                       ? unwound(St, Steps.unwoundAt(*Next))
                       : St);
  }
  return AtEntry;
}

} // namespace clang::tidy::asyncctx

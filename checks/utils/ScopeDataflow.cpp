//===--- ScopeDataflow.cpp - asyncctx-tidy --------------------------------===//
//
// The transfer functions and the worklist driver (the rule is in
// ScopeDataflow.h, the lattice in ScopeLattice.h).
//
//===----------------------------------------------------------------------===//

#include "ScopeDataflow.h"
#include "Callables.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include <optional>

namespace clang::tidy::asyncctx {

/// Whether a guard sets nothing and only restores (RestoresOnly).
static bool restoresOnly(const Expr *Guard) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Guard))
    return hasRoleTrait(Construct->getConstructor()->getParent(), RestoresOnly);
  return hasRoleTrait(cast<CallExpr>(Guard)->getDirectCallee(), RestoresOnly);
}

/// A store the callee names by one of its parameters is, at the call, the
/// store passed for it.
static StoreRef atCall(const StoreRef &Store, const FunctionDecl *Callee,
                       llvm::ArrayRef<const Expr *> Args) {
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(Store.Object);
  if (!Param || Param->getDeclContext() != Callee)
    return Store;
  unsigned Index = Param->getFunctionScopeIndex();
  if (Index >= Args.size())
    return StoreRef{nullptr, Store.Class, {}};
  StoreRef Passed = storeOfExpr(Args[Index]);
  if (!Passed.Class)
    Passed.Class = Store.Class;
  return Passed;
}

/// The arguments of a call, one for each parameter of the callee (a member
/// operator call passes its object first).
static llvm::ArrayRef<const Expr *> argumentsFor(const CallExpr *Call, const FunctionDecl *Callee) {
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (isa<CXXOperatorCallExpr>(Call) && Method && Method->isInstance() && !Args.empty())
    return Args.drop_front();
  return Args;
}

void ScopeDataflow::read(const StoreRef &Store, const ReadSite &Site, const State &St,
                         bool Record) {
  StoreState S = St.lookup(Store);
  // A store that is a local variable of this function did not exist when the
  // function started: whatever its callers had, it had no value.
  const auto *Local = dyn_cast_or_null<VarDecl>(Store.Object);
  if ((S.Flags & Entry) && Current && Local && Local->hasLocalStorage() && !isa<ParmVarDecl>(Local) &&
      Local->getDeclContext() == Current->FD) {
    S.Flags = (S.Flags & ~unsigned(Entry)) | No;
    if (S.Flags == No) {
      S.Origin = NoScopeOrigin::NewStore;
      S.OriginLoc = Local->getLocation();
      S.OriginDecl = Local;
    }
  }
  if (S.Flags & Entry) {
    Need &N = Found[{Store.key(), unsigned(St.suspendedAt().isValid())}];
    if (!N.ReadFunction) {
      N.Store = Store;
      N.ReadLoc = Site.ReadLoc;
      N.ReadFunction = Site.ReadFunction;
      N.FirstLoc = Site.Loc;
      N.SuspendedAt = St.suspendedAt();
      if (Site.Reader != Site.ReadFunction && Current)
        N.Chain.push_back({Current->FD, Site.Reader, Site.Loc});
      N.Chain.append(Site.Chain.begin(), Site.Chain.end());
    }
  }
  if (!(S.Flags & No) || !Record || !Handler)
    return;
  ReadFact Fact;
  Fact.Kind = S.Flags == No ? ReadFact::NoScope : ReadFact::NoScopeOnSomePath;
  Fact.Loc = Site.Loc;
  Fact.Reader = Site.Reader;
  Fact.Store = Store;
  Fact.Origin = S.Origin;
  Fact.OriginLoc = S.OriginLoc;
  Fact.OriginDecl = S.OriginDecl;
  Fact.Chain.assign(Site.Chain.begin(), Site.Chain.end());
  Fact.ReadLoc = Site.ReadLoc;
  Fact.ReadFunction = Site.ReadFunction;
  if (Site.StartLoc != S.OriginLoc) {
    Fact.StartLoc = Site.StartLoc;
    Fact.StartedBy = Site.StartedBy;
  }
  Fact.Bindable = Site.Bindable;
  Handler->handleRead(std::move(Fact));
}

void ScopeDataflow::readNeeds(const FunctionDecl *Callee, SourceLocation Loc, const State &St,
                              bool Record, const StoreRef *OnlyStore,
                              llvm::ArrayRef<const Expr *> Args, const Expr *Inline,
                              const ScopeEnd *End, const Handoff *Spawned,
                              const State *Caller) {
  FunctionInfo *Info = Index.find(Callee);
  if (!Info || !Info->Relevant || Info == Current)
    return;
  for (const auto &Entry : Info->Sum.Needs) {
    const Need &N = Entry.second;
    StoreRef Store = atCall(N.Store, Info->FD, Args);
    if (OnlyStore && OnlyStore->key() != Store.key())
      continue;
    // A coroutine's reads where the scope that calls it has already ended.
    std::optional<State> Ended;
    if (End && End->Store.key() == Store.key() && (End->Lazy || Entry.first.second)) {
      Ended = St;
      if (End->Lazy)
        Ended->set(Store, No, NoScopeOrigin::LazyCoroutine, End->At, End->By);
      else
        Ended->set(Store, No, NoScopeOrigin::Suspended, N.SuspendedAt, End->By);
    }
    ReadSite Site{Loc, Info->FD, N.Chain, N.ReadLoc, N.ReadFunction};
    if (Inline) {
      // The lambda is written here: its reads are where the user looks.
      Site.Loc = N.FirstLoc;
      Site.Reader = N.Chain.empty() ? N.ReadFunction : N.Chain.front().Callee;
      Site.Chain = llvm::ArrayRef(N.Chain).drop_front(N.Chain.empty() ? 0 : 1);
      if (const auto *Call = dyn_cast<CallExpr>(Inline)) {
        Site.StartLoc = Call->getExprLoc();
        Site.StartedBy = Call->getDirectCallee();
      } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inline)) {
        Site.StartLoc = Construct->getBeginLoc();
        Site.StartedBy = Construct->getConstructor()->getParent();
      }
    }
    // Handed elsewhere from where the store's scope may be active: bind would
    // carry it (and where it is not, bind carries no value, as now).
    // A parameter that takes only a function pointer (pthread_create) cannot
    // take what bind returns.
    if (Spawned && Caller && Caller->lookup(Store).Flags != No && Store.Object &&
        !Spawned->Arg->getType()->isFunctionPointerType() &&
        findMemberWithRole(Store.Class, Role::Bind))
      Site.Bindable = Spawned->Arg;
    read(Store, Site, Ended ? *Ended : St, Record);
  }
}

void ScopeDataflow::callAndContinue(const FunctionDecl *Callee, SourceLocation Loc, State &St,
                                    bool Record, llvm::ArrayRef<const Expr *> Args) {
  FunctionInfo *Info = Index.find(Callee);
  if (!Info || Info->Bound)
    return; // not analysed here, or evaluated at its BIND
  readNeeds(Callee, Loc, St, Record, nullptr, Args);
  applyEffects(*Info, Loc, St, Args);
}

void ScopeDataflow::applyEffects(const FunctionInfo &Info, SourceLocation Loc, State &St,
                                 llvm::ArrayRef<const Expr *> Args) {
  if (!Info.Relevant || &Info == Current)
    return;
  for (const StoreState &Effect : Info.Sum.Effects) {
    // Entry in an effect stands for the state the caller had.
    StoreRef Store = atCall(Effect.Store, Info.FD, Args);
    StoreState Before = St.lookup(Store);
    unsigned Flags = Effect.Flags & ~unsigned(Entry);
    if (Effect.Flags & Entry)
      Flags |= Before.Flags;
    if ((Effect.Flags & No) || !(Before.Flags & No))
      St.set(Store, Flags, Effect.Origin, Effect.OriginLoc, Effect.OriginDecl);
    else
      St.set(Store, Flags, Before.Origin, Before.OriginLoc, Before.OriginDecl);
    StoreState &After = St.at(Store);
    if (Effect.EnteredBy) {
      After.EnteredBy = Effect.EnteredBy;
      After.EnteredVia = Loc;
    } else if (Before.Flags & In) {
      After.EnteredBy = Before.EnteredBy;
      After.EnteredVia = Before.EnteredVia;
    }
  }
}

void ScopeDataflow::runHandoff(const Handoff &H, const Expr *Consumer, State &St, bool Record) {
  const auto *Call = dyn_cast<CallExpr>(Consumer);
  SourceLocation At = Call ? Call->getExprLoc() : Consumer->getBeginLoc();
  const NamedDecl *By = Call ? static_cast<const NamedDecl *>(Call->getDirectCallee())
                             : cast<CXXConstructExpr>(Consumer)->getConstructor()->getParent();
  const Expr *Inline = H.Inline ? Consumer : nullptr;
  SourceLocation Loc = H.Arg->getBeginLoc();
  // RUN's and BIND's scope ends when the callable returns: for a coroutine,
  // at its first suspension, or before its body for a lazy one.
  std::optional<ScopeEnd> End;
  if ((H.By == Role::Run || H.By == Role::Bind) &&
      (H.Coroutine == CoroutineKind::Eager || H.Coroutine == CoroutineKind::Lazy))
    End = ScopeEnd{H.Store, H.Coroutine == CoroutineKind::Lazy, At, By};
  switch (H.Where) {
  case RunsIn::Caller: {
    State Inside = St;
    if (H.By == Role::Run)
      Inside.set(H.Store, In);
    else
      Inside.set(H.Store, No, NoScopeOrigin::Exit, At, By);
    readNeeds(H.Callable, Loc, Inside, Record, nullptr, {}, Inline, End ? &*End : nullptr);
    return;
  }
  case RunsIn::Bound:
    readNeeds(H.Callable, Loc, St, Record, &H.Store, {}, Inline, End ? &*End : nullptr);
    return;
  case RunsIn::NewThread:
    readNeeds(H.Callable, Loc, State::noScope(NoScopeOrigin::Thread, At, By), Record, nullptr, {},
              Inline, nullptr, &H, &St);
    return;
  case RunsIn::Invocation:
    return; // an invocation of its own, analysed from its start
  }
}

void ScopeDataflow::handleCall(const CallExpr *Call, State &St, bool Record) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  SourceLocation Loc = Call->getExprLoc();
  std::optional<Role> R = roleOfCall(Call);
  if (R == Role::EnterWith || R == Role::Disable || R == Role::Read) {
    StoreRef Store = storeOfCall(Call);
    if (*R == Role::EnterWith) {
      if (Record && Handler && St.restoredByGuard(Store))
        Handler->handleEnterRestoredByGuard(Call);
      St.enter(Store, Call);
    } else if (*R == Role::Disable) {
      St.set(Store, No, NoScopeOrigin::Disabled, Loc, Callee);
    } else if (!hasRoleTrait(Callee, NeverNull)) {
      // A read that returns a default where no scope is active is no defect
      // there (its null tests are: utils/PlaceFinder).
      read(Store, ReadSite{Loc, Callee, {}, Loc, Callee}, St, Record);
    }
    return;
  }
  for (const Handoff &H : handoffsOf(Call))
    runHandoff(H, Call, St, Record);
  if (R == Role::Run || R == Role::Exit || R == Role::Bind || spawns(Call))
    return;
  if (Callee)
    callAndContinue(Callee, Loc, St, Record, argumentsFor(Call, Callee));
}

void ScopeDataflow::suspend(const Stmt *S, SourceLocation Keyword, State &St, bool Record) {
  if (!Current || carriesContext(Current->FD))
    return;
  // The scopes this coroutine opened in its own body stay on this thread
  // while it waits. They are reported here; the reads after the suspension
  // are not reported again for the same cause (the state keeps them In).
  if (Record && Handler)
    for (const auto &Entry : St.stores()) {
      const StoreState &Open = Entry.second;
      if (!(Open.Flags & In))
        continue; // open on some path to here is enough: that path suspends in it
      if (Open.Guard)
        Handler->handleSuspendInScope(
            {S, Keyword, Current->FD, Open.Store, Open.Guard->getLocation(), Open.Guard});
      else if (Open.EnteredBy && Open.EnteredVia.isInvalid())
        Handler->handleSuspendInScope({S, Keyword, Current->FD, Open.Store,
                                       Open.EnteredBy->getExprLoc(),
                                       Open.EnteredBy->getDirectCallee()});
    }
  St.suspend(Keyword);
}

void ScopeDataflow::transferStmt(const Stmt *S, State &St, bool Record) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(S)) {
    if (!Await->isImplicit() && !carriesContext(Await))
      suspend(S, Await->getKeywordLoc(), St, Record);
  } else if (const auto *Yield = dyn_cast<CoyieldExpr>(S)) {
    suspend(S, Yield->getKeywordLoc(), St, Record);
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    handleCall(Call, St, Record);
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    for (const Handoff &H : handoffsOf(Construct))
      runHandoff(H, Construct, St, Record);
    if (!startsThread(Construct))
      callAndContinue(Construct->getConstructor(), Construct->getBeginLoc(), St, Record,
                      llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs()));
  } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    // A guard's scope begins once its variable is initialised.
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->hasLocalStorage())
        if (const Expr *Guard = guardExpr(VD->getInit()))
          St.beginGuard(VD, storeOfGuard(Guard), restoresOnly(Guard));
  }
}

void ScopeDataflow::transfer(const CFGElement &Element, State &St, bool Record) {
  if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
    transferStmt(S->getStmt(), St, Record);
  else if (std::optional<CFGAutomaticObjDtor> Dtor = Element.getAs<CFGAutomaticObjDtor>()) {
    St.endGuard(Dtor->getVarDecl());
    // A restore written in a scope-exit guard (`SCOPE_EXIT { setContext(prev); }`)
    // takes effect where the guard is destroyed. Only its effects: a read in
    // it is not checked there.
    if (const FunctionDecl *AtEnd = runsAtDestruction(Dtor->getVarDecl()))
      if (const FunctionInfo *Info = Index.find(AtEnd))
        applyEffects(*Info, Dtor->getVarDecl()->getLocation(), St, {});
  }
}

void ScopeDataflow::analyseFunction(FunctionInfo &Info, const State &Start, bool Record,
                                    NeedMap &Needs, EffectList &Effects) {
  Current = &Info;
  Found.clear();
  Effects.clear();
  const FunctionDecl *FD = Info.FD;
  if (!Info.GraphBuilt) {
    CFG::BuildOptions Options;
    Options.AddInitializers = true;
    Options.AddImplicitDtors = true;
    // A coroutine's CFG is that of the body the user wrote: the promise, the
    // parameter copies and the implicit initial and final suspensions around
    // it are the compiler's, and their scopes would end the user's guards in
    // the wrong place.
    Stmt *Body = FD->getBody();
    if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
      Body = Coroutine->getBody();
    Info.Graph = CFG::buildCFG(FD, Body, &Ctx, Options);
    if (Info.Graph)
      Info.Order = std::make_unique<PostOrderCFGView>(Info.Graph.get());
    Info.GraphBuilt = true;
  }
  const CFG *Graph = Info.Graph.get();
  if (!Graph) {
    Current = nullptr;
    Needs.clear();
    return;
  }

  // The state at each block's entry, to a fixed point (the flags per store
  // only grow, so this ends), blocks taken in reverse post-order.
  std::vector<std::optional<State>> AtEntry(Graph->getNumBlockIDs());
  AtEntry[Graph->getEntry().getBlockID()] = Start;
  ForwardDataflowWorklist Work(*Graph, Info.Order.get());
  Work.enqueueBlock(&Graph->getEntry());
  while (const CFGBlock *Block = Work.dequeue()) {
    State St = *AtEntry[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      transfer(Element, St, /*Record=*/false);
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
  Found.clear(); // the needs of the pass below are the final ones
  if (const std::optional<State> &AtExit = AtEntry[Graph->getExit().getBlockID()])
    for (const auto &Item : AtExit->stores())
      if (Item.second.Flags != Entry)
        Effects.push_back(Item.second);

  // One pass with the final states.
  bool FindLeaks = Record && Handler && Start.defaultState().Flags == No &&
                   Start.defaultState().Origin == NoScopeOrigin::Invocation;
  std::vector<std::pair<const CFGBlock *, State>> EndingBlocks;
  for (const CFGBlock *Block : *Graph) {
    if (!AtEntry[Block->getBlockID()])
      continue; // unreachable
    State St = *AtEntry[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      transfer(Element, St, Record);
    if (FindLeaks && llvm::any_of(Block->succs(), [&](const CFGBlock::AdjacentBlock &Succ) {
          return Succ.getReachableBlock() == &Graph->getExit();
        }))
      EndingBlocks.emplace_back(Block, std::move(St));
  }
  if (FindLeaks)
    findLeaks(Info, EndingBlocks);
  Current = nullptr;
  Needs = std::move(Found);
  Found.clear();
}

/// Where a block ends the function: its return or throw, else the body's end.
static SourceLocation endOf(const CFGBlock *Block, const FunctionDecl *FD) {
  for (auto It = Block->rbegin(); It != Block->rend(); ++It)
    if (std::optional<CFGStmt> S = It->getAs<CFGStmt>()) {
      if (isa<ReturnStmt, CXXThrowExpr, CoreturnStmt>(S->getStmt()))
        return S->getStmt()->getBeginLoc();
      break;
    }
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody()))
    return Body->getRBracLoc();
  return FD->getEndLoc();
}

void ScopeDataflow::findLeaks(const FunctionInfo &Info,
                              llvm::ArrayRef<std::pair<const CFGBlock *, State>> EndingBlocks) {
  // One fact per ENTER_WITH: the first path that ends with its value current.
  llvm::SmallPtrSet<const CallExpr *, 4> Seen;
  for (const auto &[Block, St] : EndingBlocks)
    for (const auto &Entry : St.stores()) {
      const StoreState &S = Entry.second;
      if (!(S.Flags & In) || !S.EnteredBy || !Seen.insert(S.EnteredBy).second)
        continue;
      Handler->handleLeak({S.Store, S.EnteredBy, Info.FD, S.EnteredVia, endOf(Block, Info.FD)});
    }
}

/// Visits the calls of an initializer, not those inside the lambdas it
/// makes (a lambda is a function of its own, called or not).
class InitializerCalls : public RecursiveASTVisitor<InitializerCalls> {
public:
  std::vector<const Stmt *> Calls;
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *E) {
    Calls.push_back(E);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    Calls.push_back(E);
    return true;
  }
};

void ScopeDataflow::analyseGlobal(const VarDecl *VD) {
  Current = nullptr;
  if (const Expr *Init = VD->getInit()) {
    State St = State::noScope(NoScopeOrigin::GlobalInit, VD->getLocation(), VD);
    InitializerCalls Calls;
    Calls.TraverseStmt(const_cast<Expr *>(Init));
    for (const Stmt *Call : Calls.Calls)
      transferStmt(Call, St, /*Record=*/true);
  }
  if (const CXXRecordDecl *Record = VD->getType()->getAsCXXRecordDecl())
    if (Record->hasDefinition())
      if (const CXXDestructorDecl *Dtor = Record->getDestructor())
        readNeeds(Dtor, VD->getLocation(),
                  State::noScope(NoScopeOrigin::GlobalDestroy, VD->getLocation(), VD),
                  /*Record=*/true, nullptr, {});
}

} // namespace clang::tidy::asyncctx

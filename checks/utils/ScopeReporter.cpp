//===--- ScopeReporter.cpp - asyncctx-tidy --------------------------------===//

#include "ScopeReporter.h"
#include "AnalysisContext.h"
#include "FunctionIndex.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::asyncctx {

ScopeReporter::ScopeReporter(const AnalysisContext &Context, const SummaryMap &Summaries,
                             const FunctionSteps &Steps, const FunctionInfo *Current)
    : Context(Context), Summaries(Summaries), Steps(Steps), Current(Current),
      Transfer(Summaries) {}

void ScopeReporter::read(const ReadSite &Site, const State &St) {
  const StoreRef &Store = Site.Path.Store;
  StoreState S = St.lookup(Store);
  // A store that is a local variable of this function did not exist when the
  // function started: whatever its callers had, it had no value.
  const auto *Local = dyn_cast_or_null<VarDecl>(Store.Object);
  if (S.Scopes.has(ScopeKind::Entry) && Current && Local && Local->hasLocalStorage() &&
      !isa<ParmVarDecl>(Local) && Local->getDeclContext() == Current->FD) {
    S.Scopes = S.Scopes.resolveEntry(ScopeSet::of(ScopeKind::No));
    if (S.Scopes.only(ScopeKind::No))
      S.Origin = {NoScopeOrigin::NewStore, Local->getLocation(), Local};
  }
  if (S.Scopes.has(ScopeKind::Entry) && Current) {
    auto [It, Inserted] =
        Result.Needs.insert({NeedKey{Store.key(), St.suspendedAt().isValid()}, Need()});
    if (Inserted) {
      // The need is this function's: its first call is its own, also where
      // it is written in a lambda that this function runs in place.
      It->second.Path = Site.Path;
      if (!It->second.Path.Links.empty())
        It->second.Path.Links.front().Caller = Current->FD;
      It->second.SuspendedAt = St.suspendedAt();
    }
  }
  if (!S.Scopes.has(ScopeKind::No))
    return;
  ReadFact Fact;
  Fact.K = S.Scopes.only(ScopeKind::No) ? ReadFact::Kind::NoScope
                                        : ReadFact::Kind::NoScopeOnSomePath;
  Fact.Path = Site.Path;
  Fact.Origin = S.Origin;
  if (Site.StartLoc != S.Origin.Loc) {
    Fact.StartLoc = Site.StartLoc;
    Fact.StartedBy = Site.StartedBy;
    Fact.StartedByBind = Site.StartedByBind;
  }
  Fact.Bindable = Site.Bindable;
  Result.Reads.push_back(std::move(Fact));
}

void ScopeReporter::site(CallSite::Kind K, const FunctionDecl *Callee, SourceLocation Loc,
                         const State &St, llvm::ArrayRef<const Expr *> Args) {
  if (!RecordingSites)
    return;
  CallSite &New = Result.Sites.emplace_back();
  New.K = K;
  New.Callee = Callee;
  New.Loc = Loc;
  New.St = St;
  for (const Expr *Arg : Args)
    New.Args.push_back(storeOfExpr(Arg));
}

void ScopeReporter::handoffSite(const HandoffStep &HS, const State &Runs,
                                const std::optional<ScopeEnd> &End) {
  const Handoff &H = HS.H;
  CallSite::Kind K = CallSite::Kind::Invocation;
  if (H.Where == RunsIn::Caller)
    K = H.By == Role::Run ? CallSite::Kind::Run : CallSite::Kind::Exit;
  else if (H.Where == RunsIn::Bound)
    K = CallSite::Kind::Bind;
  else if (H.Where == RunsIn::NewThread)
    K = Context.Roles.roleOf(HS.By) == Role::Spawn ? CallSite::Kind::Spawn
                                                   : CallSite::Kind::Thread;
  site(K, H.Callable, HS.H.Arg->getBeginLoc(), Runs);
  if (!RecordingSites)
    return;
  Result.Sites.back().Inline = HS.Inline;
  if (K == CallSite::Kind::Bind)
    Result.Sites.back().OnlyStore = H.Store;
  if (End)
    Result.Sites.back().End = CallSite::ScopeEnd{End->Store, End->Lazy};
}

void ScopeReporter::calleeNeeds(const FunctionDecl *Callee, SourceLocation Loc, const State &St,
                                llvm::ArrayRef<const Expr *> Args) {
  site(CallSite::Kind::Call, Callee, Loc, St, Args);
  auto It = Summaries.find(Callee->getCanonicalDecl());
  if (It == Summaries.end())
    return;
  for (const auto &Entry : It->second.Needs) {
    ReadSite Site;
    Site.Path = Entry.second.Path.through(Current ? Current->FD : nullptr, Callee, Loc);
    Site.Path.Store = storeAtCall(Entry.second.Path.Store, Callee, Args);
    read(Site, St);
  }
}

std::pair<const FunctionDecl *, const Summary *>
ScopeReporter::handedOn(const HandoffStep &HS) const {
  const FunctionDecl *Callable = HS.H.Callable->getDefinition() ? HS.H.Callable->getDefinition()
                                                                 : HS.H.Callable;
  if (Current && Callable->getCanonicalDecl() == Current->FD->getCanonicalDecl())
    return {Callable, nullptr};
  auto It = Summaries.find(Callable->getCanonicalDecl());
  return {Callable, It == Summaries.end() ? nullptr : &It->second};
}

void ScopeReporter::handedOnNeeds(const HandoffStep &HS, const State &Runs,
                                  const StoreRef *OnlyStore, const std::optional<ScopeEnd> &End,
                                  const State *HandedFrom) {
  auto [Callable, Sum] = handedOn(HS);
  if (!Sum)
    return;
  for (const auto &Entry : Sum->Needs) {
    const Need &N = Entry.second;
    // Handed on, its parameters are none of the caller's stores.
    StoreRef Store = storeAtCall(N.Path.Store, Callable, {});
    if (OnlyStore && OnlyStore->key() != Store.key())
      continue;
    // A coroutine's reads where the scope that calls it has already ended.
    std::optional<State> Ended;
    if (End && End->Store.key() == Store.key() && (End->Lazy || Entry.first.AfterSuspension)) {
      Ended = Runs;
      if (End->Lazy)
        Ended->clear(Store, {NoScopeOrigin::LazyCoroutine, End->At, End->By});
      else
        Ended->clear(Store, {NoScopeOrigin::Suspended, N.SuspendedAt, End->By});
    }
    ReadSite Site;
    if (HS.Inline) {
      // The lambda is written here: its reads are where the user looks.
      Site.Path = N.Path;
      Site.StartLoc = HS.At;
      Site.StartedBy = HS.By;
      Site.StartedByBind = HS.H.By == Role::Bind;
    } else {
      Site.Path = N.Path.through(Current ? Current->FD : nullptr, Callable, HS.H.Arg->getBeginLoc());
    }
    Site.Path.Store = Store;
    // Handed elsewhere from where the store's scope may be active: bind
    // would carry it (and where it is not, bind carries no value, as now). A
    // parameter that takes only a function pointer (pthread_create) cannot
    // take what bind returns.
    if (HandedFrom && !HandedFrom->lookup(Store).Scopes.only(ScopeKind::No) && Store.Object &&
        !HS.H.Arg->getType()->isFunctionPointerType() &&
        Context.Roles.findMemberWithRole(Store.Class, Role::Bind))
      Site.Bindable = HS.H.Arg;
    read(Site, Ended ? *Ended : Runs);
  }
}

void ScopeReporter::handoff(const HandoffStep &HS, const State &St) {
  const Handoff &H = HS.H;
  // RUN's and BIND's scope ends when the callable returns: for a coroutine,
  // at its first suspension, or before its body for a lazy one.
  std::optional<ScopeEnd> End;
  if ((H.By == Role::Run || H.By == Role::Bind) &&
      (H.Coroutine == CoroutineKind::Eager || H.Coroutine == CoroutineKind::Lazy))
    End = ScopeEnd{H.Store, H.Coroutine == CoroutineKind::Lazy, HS.At, HS.By};
  switch (H.Where) {
  case RunsIn::Caller: {
    State Inside = St;
    if (H.By == Role::Run)
      Inside.enter(H.Store);
    else
      Inside.clear(H.Store, {NoScopeOrigin::Exit, HS.At, HS.By});
    handoffSite(HS, Inside, End);
    handedOnNeeds(HS, Inside, nullptr, End, nullptr);
    return;
  }
  case RunsIn::Bound:
    handoffSite(HS, St, End);
    handedOnNeeds(HS, St, &H.Store, End, nullptr);
    return;
  case RunsIn::InPlace:
    handedOnNeeds(HS, St, nullptr, std::nullopt, nullptr);
    return;
  case RunsIn::NewThread: {
    NoScopeOrigin Origin = Context.Roles.roleOf(HS.By) == Role::Spawn ? NoScopeOrigin::Spawned
                                                                      : NoScopeOrigin::Thread;
    State Runs = State::noScope({Origin, HS.At, HS.By});
    handoffSite(HS, Runs, std::nullopt);
    handedOnNeeds(HS, Runs, nullptr, std::nullopt, &St);
    return;
  }
  case RunsIn::Invocation:
    handoffSite(HS, State(), std::nullopt);
    return; // an invocation of its own, analysed from its start
  case RunsIn::Carried:
    handedOnNeeds(HS, St, nullptr, std::nullopt, nullptr);
    return;
  case RunsIn::Kept:
    keptForLater(HS, St);
    return;
  }
}

void ScopeReporter::enter(const Step &S, const State &St) {
  EnterWithFact Fact;
  Fact.Call = cast<CallExpr>(S.S);
  Fact.Callee = S.Callee;
  Fact.Store = S.Store;
  if (Current) {
    Fact.Function = Current->FD;
    Fact.Entry = Current->EntryOnly ? Current->Entry : EntryKind::None;
  }
  Fact.RunMember = Context.Roles.findMemberWithRole(S.Store.Class, Role::Run);
  if (St.restoredByGuard(S.Store))
    Fact.Closed = EnterWithFact::Closing::ByRestoringGuard;
  Result.EnterWiths.push_back(Fact);
}

void ScopeReporter::suspend(const Step &S, const State &St) {
  // The scopes this coroutine opened in its own body stay on this thread
  // while it waits. They are reported here; the reads after the suspension
  // are not reported again for the same cause (the state keeps them In).
  for (const auto &Entry : St.stores()) {
    const StoreState &Open = Entry.second;
    if (!Open.Scopes.has(ScopeKind::In))
      continue; // open on some path to here is enough: that path suspends in it
    SuspendFact Fact{S.S, S.Loc, S.IsYield, Current->FD, Open.Store, {}, nullptr, false};
    if (Open.Guard) {
      Fact.OpenedAt = Open.Guard->getLocation();
      Fact.OpenedBy = Open.Guard;
      Fact.OpenedByGuard = true;
    } else if (Open.enteredHere()) {
      Fact.OpenedAt = Open.EnteredBy->getExprLoc();
      Fact.OpenedBy = Open.EnteredBy->getDirectCallee();
    } else {
      continue;
    }
    Result.Suspends.push_back(Fact);
  }
}

void ScopeReporter::released(const Step &S, const State &St) {
  State After = St;
  if (std::optional<StoreRef> Store = After.releaseGuard(S.Var))
    Result.KeptGuards.push_back(
        {KeptGuardFact::Kind::Released, S.Loc, S.Var, nullptr, *Store});
}

void ScopeReporter::closings(const State &Before, const State &After) {
  for (const auto &Entry : Before.stores()) {
    const StoreState &Was = Entry.second;
    if (!Was.enteredHere())
      continue;
    const StoreState &Now = After.get(Entry.first);
    if (!Now.Scopes.has(ScopeKind::In))
      Closed.insert(Was.EnteredBy);
    else if (Now.enteredHere() && Now.EnteredBy != Was.EnteredBy)
      Replaced[Was.EnteredBy].insert(Now.EnteredBy);
  }
}

void ScopeReporter::markClosed() {
  // Sets of this function that replace one another form one chain, undone
  // where any of them is (`create(); ...; create(); ...; setContext(nullptr)`,
  // or a set in a loop after one before it: the state after the loop keeps
  // only one of them): the function still puts back what was there before.
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (const auto &Entry : Replaced)
      for (const CallExpr *Later : Entry.second)
        if (Closed.count(Entry.first) != Closed.count(Later)) {
          Closed.insert(Entry.first);
          Closed.insert(Later);
          Grew = true;
        }
  }
  // Blocks are not walked in the order they run: a DISABLE may come before
  // the ENTER_WITH it ends.
  for (EnterWithFact &Fact : Result.EnterWiths)
    if (Fact.Closed == EnterWithFact::Closing::None && Closed.count(Fact.Call))
      Fact.Closed = EnterWithFact::Closing::ByDisable;
}

void ScopeReporter::step(const Step &S, State &St) {
  switch (S.K) {
  case Step::Kind::Read: {
    ReadSite Site;
    Site.Path.Store = S.Store;
    Site.Path.ReadLoc = S.Loc;
    Site.Path.ReadFunction = S.Callee;
    read(Site, St);
    break;
  }
  case Step::Kind::Call:
    calleeNeeds(S.Callee, S.Loc, St, S.Args);
    break;
  case Step::Kind::Handoff:
    handoff(Steps.handoff(S), St);
    break;
  case Step::Kind::Enter:
    enter(S, St);
    break;
  case Step::Kind::Suspend:
    suspend(S, St);
    break;
  case Step::Kind::RunsWork:
    runsWork(S, St);
    break;
  case Step::Kind::Captures:
    captures(S, St);
    break;
  case Step::Kind::GuardReleased:
    released(S, St);
    break;
  case Step::Kind::Throws:
    // An exception from the callee ends the function here.
    if (FindLeaks)
      leaks(St, S.Loc);
    break;
  case Step::Kind::Disable:
  case Step::Kind::GuardBegins:
  case Step::Kind::GuardEnds:
  case Step::Kind::Effects:
    break;
  }
  bool MayClose = S.K == Step::Kind::Disable || S.K == Step::Kind::Call ||
                  S.K == Step::Kind::Effects || S.K == Step::Kind::Enter;
  if (!MayClose) {
    Transfer.apply(S, St);
    return;
  }
  State Before = St;
  Transfer.apply(S, St);
  closings(Before, St);
}

/// Where a block ends the function: its return or throw, else the body's end.
static SourceLocation endOf(const CFGBlock &Block, const FunctionDecl *FD) {
  for (auto It = Block.rbegin(); It != Block.rend(); ++It)
    if (std::optional<CFGStmt> S = It->getAs<CFGStmt>()) {
      if (isa<ReturnStmt, CXXThrowExpr, CoreturnStmt>(S->getStmt()))
        return S->getStmt()->getBeginLoc();
      break;
    }
  const Stmt *Body = FD->getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body))
    return Block->getRBracLoc();
  return FD->getEndLoc();
}

void ScopeReporter::leaks(const State &AtEnd, SourceLocation EndLoc) {
  // One fact per ENTER_WITH, with every exit where its value is current.
  for (const auto &Entry : AtEnd.stores()) {
    const StoreState &S = Entry.second;
    const void *Entered = S.EnteredBy ? static_cast<const void *>(S.EnteredBy)
                                      : static_cast<const void *>(S.EnteredElsewhere);
    if (!S.Scopes.has(ScopeKind::In) || !Entered)
      continue;
    auto [It, New] = Leaked.try_emplace(Entered, Result.Leaks.size());
    if (New) {
      LeakFact Leak;
      Leak.Entered.Call = S.EnteredBy;
      Leak.Entered.Elsewhere = S.EnteredElsewhere;
      Leak.Entered.Callee = S.EnteredBy ? S.EnteredBy->getDirectCallee() : nullptr;
      Leak.Entered.Store = S.Store;
      Leak.Invocation = Current->FD;
      Leak.ViaLoc = S.EnteredVia;
      Result.Leaks.push_back(std::move(Leak));
    }
    llvm::SmallVectorImpl<SourceLocation> &Ends = Result.Leaks[It->second].EndLocs;
    if (!llvm::is_contained(Ends, EndLoc))
      Ends.push_back(EndLoc);
  }
}

FunctionResult ScopeReporter::report(const CFG &Graph, const BlockStates &AtEntry,
                                     bool IsInvocation) {
  FindLeaks = IsInvocation;
  if (const std::optional<State> &AtExit = AtEntry[Graph.getExit().getBlockID()])
    for (const auto &Item : AtExit->stores())
      if (!Item.second.Scopes.only(ScopeKind::Entry))
        Result.Effects.push_back(Item.second);
  for (const CFGBlock *Block : Graph) {
    if (!AtEntry[Block->getBlockID()])
      continue; // unreachable
    State St = *AtEntry[Block->getBlockID()];
    for (const Step &S : Steps.of(*Block))
      step(S, St);
    if (FindLeaks && !isa_and_nonnull<CXXTryStmt>(Block->getTerminatorStmt()) &&
        llvm::any_of(Block->succs(), [&](const CFGBlock::AdjacentBlock &Succ) {
          return Succ.getReachableBlock() == &Graph.getExit();
        }))
      leaks(St, endOf(*Block, Current->FD));
  }
  Result.MayThrow = Current->MayThrow;
  const SourceManager &SM = Context.AST.getSourceManager();
  for (LeakFact &Leak : Result.Leaks)
    llvm::sort(Leak.EndLocs, [&](SourceLocation A, SourceLocation B) {
      return SM.isBeforeInTranslationUnit(A, B);
    });
  markClosed();
  keepUnrestoredRuns();
  return std::move(Result);
}

FunctionResult ScopeReporter::reportStatements(State Start) {
  for (const Step &S : Steps.all())
    step(S, Start);
  markClosed();
  return std::move(Result);
}

void ScopeReporter::reportCall(const FunctionDecl *Callee, SourceLocation Loc, const State &St,
                               FunctionResult &Out) {
  calleeNeeds(Callee, Loc, St, {});
  std::move(Result.Reads.begin(), Result.Reads.end(), std::back_inserter(Out.Reads));
  Result.Reads.clear();
}

} // namespace clang::tidy::asyncctx

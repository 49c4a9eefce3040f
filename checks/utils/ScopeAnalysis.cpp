//===--- ScopeAnalysis.cpp - asyncctx-tidy --------------------------------===//
//
// The driver. The index (utils/FunctionIndex) gives the relevant functions
// and their calls; summaries are computed bottom-up over the call graph's
// strongly connected components, so every callee's summary is final before
// its callers are analysed. A component with recursion is iterated until its
// summaries stop growing (they only grow, so this ends); the facts of a
// function are those of its last analysis. A function without recursion is
// analysed once, and its CFG is dropped as soon as it has been.
//
// Then the facts are completed: the ENTER_WITH calls that no flow saw (in
// templates never instantiated, in code no path reaches), the values kept
// in static storage that come from a store, and one fact per place (a
// template's facts are found once per instantiation).
//
//===----------------------------------------------------------------------===//

#include "ScopeAnalysis.h"
#include "AnalysisContext.h"
#include "CrossFile.h"
#include "DeferredWork.h"
#include "FunctionIndex.h"
#include "ImportedFacts.h"
#include "PlaceFinder.h"
#include "RoleConfig.h"
#include "ScopeReporter.h"
#include "StoreValues.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include <deque>

namespace clang::tidy::asyncctx {
namespace {

/// The call graph of the relevant functions, with one root that calls them
/// all (scc_iterator walks from one node).
struct CallNode {
  FunctionInfo *Info = nullptr;
  std::vector<CallNode *> Callees;
};

} // namespace
} // namespace clang::tidy::asyncctx

namespace llvm {
template <> struct GraphTraits<clang::tidy::asyncctx::CallNode *> {
  using NodeRef = clang::tidy::asyncctx::CallNode *;
  using ChildIteratorType = std::vector<NodeRef>::iterator;
  static NodeRef getEntryNode(NodeRef N) { return N; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Callees.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Callees.end(); }
};
} // namespace llvm

namespace clang::tidy::asyncctx {
namespace {

/// How a function starts: with no scope where it is an entry point, else
/// with its callers' state (a thread's callable too: the edge from the
/// thread's start says that it has none).
State startOf(const FunctionInfo &Info) {
  switch (Info.Entry) {
  case EntryKind::Main:
    return State::noScope({NoScopeOrigin::Main, Info.FD->getLocation(), Info.FD});
  case EntryKind::Invocation:
    return State::noScope({NoScopeOrigin::Invocation, Info.FD->getLocation(), Info.FD});
  case EntryKind::Thread:
  case EntryKind::None:
    return State::entry();
  }
  llvm_unreachable("unknown entry kind");
}

/// Relevant: touches a store, or calls (or hands on) a relevant function,
/// or one of another file that the analysis follows (Index.Elsewhere).
void markRelevant(FunctionIndex &Index) {
  std::deque<FunctionInfo *> Work;
  for (auto &Entry : Index.Functions)
    if ((Entry.second.TouchesStore || callsElsewhere(Entry.second, Index)) && Entry.second.FD) {
      Entry.second.Relevant = true;
      Work.push_back(&Entry.second);
    }
  while (!Work.empty()) {
    FunctionInfo *Info = Work.front();
    Work.pop_front();
    for (const FunctionDecl *Caller : Info->Callers)
      if (FunctionInfo *C = Index.find(Caller); C && !C->Relevant) {
        C->Relevant = true;
        Work.push_back(C);
      }
  }
}

/// A function's CFG and what its elements do, kept while its strongly
/// connected component is analysed.
struct FunctionGraph {
  std::unique_ptr<CFG> Graph;
  std::unique_ptr<PostOrderCFGView> Order;
  std::unique_ptr<FunctionSteps> Steps;
};

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

/// Keeps the first fact of each place (by \p Key): a template's facts are
/// found once per instantiation, and each is reported once.
template <class Fact, class KeyFn> void keepOnePerPlace(std::vector<Fact> &Facts, KeyFn Key) {
  llvm::DenseSet<decltype(Key(std::declval<const Fact &>()))> Seen;
  llvm::erase_if(Facts, [&](const Fact &F) { return !Seen.insert(Key(F)).second; });
}

template <class T> void append(std::vector<T> &To, std::vector<T> &&From) {
  To.insert(To.end(), std::make_move_iterator(From.begin()), std::make_move_iterator(From.end()));
}

class Driver {
public:
  Driver(AnalysisContext &Context, const ScopeAnalysisOptions &Options)
      : Context(Context), Options(Options), Finder(Context), Index(Context, Finder),
        Found(Finder.finish(Index.Reassigned)) {
    if (Options.RecordSites)
      followCallsElsewhere(Context, Index);
    if (Options.Imports)
      Options.Imports->apply(Index, Summaries);
    markRelevant(Index);
  }

  ScopeAnalysisResult run();

private:
  void analyseComponents();
  /// One analysis of \p Info from its start; its graph is built on the first.
  FunctionResult analyse(FunctionInfo &Info);
  /// Keeps the facts of \p Info's last analysis, and its summary.
  void keep(FunctionInfo &Info, FunctionResult &&Analysed);
  void analyseGlobal(const VarDecl *VD);
  void reportUnknownCallers();
  void completeEnterWiths();
  void findKeptValues();
  void keptValue(const StaticStore &Kept, StoreValueFinder::Source From);
  void keepOneFactPerPlace();

  AnalysisContext &Context;
  const ScopeAnalysisOptions &Options;
  PlaceFinder Finder;
  FunctionIndex Index;
  Places Found;
  SummaryMap Summaries;
  llvm::DenseMap<const FunctionDecl *, FunctionGraph> Graphs;
  ScopeAnalysisResult Result;
};

FunctionResult Driver::analyse(FunctionInfo &Info) {
  FunctionGraph &G = Graphs[Info.FD->getCanonicalDecl()];
  if (!G.Steps) {
    CFG::BuildOptions BuildOptions;
    BuildOptions.AddInitializers = true;
    BuildOptions.AddImplicitDtors = true;
    // A coroutine's CFG is that of the body the user wrote: the promise, the
    // parameter copies and the implicit initial and final suspensions around
    // it are the compiler's, and their scopes would end the user's guards in
    // the wrong place.
    Stmt *Body = Info.FD->getBody();
    if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
      Body = Coroutine->getBody();
    G.Graph = CFG::buildCFG(Info.FD, Body, &Context.AST, BuildOptions);
    if (!G.Graph)
      return {};
    G.Order = std::make_unique<PostOrderCFGView>(G.Graph.get());
    G.Steps = std::make_unique<FunctionSteps>(Context, Index, Info.FD, *G.Graph);
  }
  State Start = startOf(Info);
  ScopeTransfer Transfer(Summaries);
  BlockStates AtEntry = solveScopes(*G.Graph, *G.Order, *G.Steps, Transfer, Start);
  bool IsInvocation = Start.defaultState().Scopes.only(ScopeKind::No) &&
                      Start.defaultState().Origin.Kind == NoScopeOrigin::Invocation;
  ScopeReporter Reporter(Context, Summaries, *G.Steps, &Info);
  if (Options.RecordSites)
    Reporter.recordSites();
  return Reporter.report(*G.Graph, AtEntry, IsInvocation);
}

void Driver::keep(FunctionInfo &Info, FunctionResult &&Analysed) {
  Summary &Sum = Summaries[Info.FD->getCanonicalDecl()];
  Sum.join(Analysed.Needs, Analysed.Effects, Analysed.MayThrow);
  ScopeFacts &Facts = Result.Facts;
  append(Facts.Reads, std::move(Analysed.Reads));
  append(Facts.EnterWiths, std::move(Analysed.EnterWiths));
  append(Facts.Leaks, std::move(Analysed.Leaks));
  append(Facts.Suspends, std::move(Analysed.Suspends));
  append(Facts.KeptGuards, std::move(Analysed.KeptGuards));
  append(Facts.LostContexts, std::move(Analysed.LostContexts));
  append(Facts.UncarriedWork, std::move(Analysed.UncarriedWork));
  append(Facts.UnisolatedRuns, std::move(Analysed.UnisolatedRuns));
  append(Facts.ImplicitCaptures, std::move(Analysed.ImplicitCaptures));
  if (!Options.KeepSummaries && !Options.RecordSites)
    return;
  FunctionSummary &Kept = Result.Summaries.emplace_back();
  Kept.Function = Info.FD;
  Kept.Entry = Info.Entry;
  Kept.EntryOnly = Info.EntryOnly;
  Kept.Sum = Sum;
  Kept.Sites = std::move(Analysed.Sites);
  Kept.UnknownCallers = FunctionIndex::hasUnknownCallers(Info);
  Kept.AddressEscapes = Info.AddressEscapes;
}

void Driver::analyseComponents() {
  std::vector<CallNode> Nodes(Index.Functions.size() + 1);
  llvm::DenseMap<const FunctionDecl *, CallNode *> NodeOf;
  CallNode &Root = Nodes.back();
  unsigned Next = 0;
  for (auto &[FD, Info] : Index.Functions)
    if (Info.Relevant) {
      Nodes[Next].Info = &Info;
      NodeOf[FD] = &Nodes[Next];
      Root.Callees.push_back(&Nodes[Next++]);
    }
  for (CallNode *Node : Root.Callees)
    for (const FunctionDecl *Callee : Node->Info->Callees)
      if (CallNode *To = NodeOf.lookup(Callee))
        Node->Callees.push_back(To);

  for (auto SCC = llvm::scc_begin(&Root); !SCC.isAtEnd(); ++SCC) {
    const std::vector<CallNode *> &Group = *SCC;
    if (Group.size() == 1 && !Group.front()->Info)
      continue; // the root
    if (SCC.hasCycle())
      for (bool Changed = true; Changed;) {
        Changed = false;
        for (CallNode *Node : Group) {
          FunctionResult Found = analyse(*Node->Info);
          Changed |= Summaries[Node->Info->FD->getCanonicalDecl()].join(Found.Needs, Found.Effects,
                                                                        Found.MayThrow);
        }
      }
    for (CallNode *Node : Group)
      keep(*Node->Info, analyse(*Node->Info));
    for (CallNode *Node : Group)
      Graphs.erase(Node->Info->FD->getCanonicalDecl());
  }
}

void Driver::analyseGlobal(const VarDecl *VD) {
  if (const Expr *Init = VD->getInit()) {
    InitializerCalls Calls;
    Calls.TraverseStmt(const_cast<Expr *>(Init));
    FunctionSteps Steps(Context, Index, Calls.Calls);
    ScopeReporter Reporter(Context, Summaries, Steps, nullptr);
    if (Options.RecordSites)
      Reporter.recordSites();
    FunctionResult Found = Reporter.reportStatements(
        State::noScope({NoScopeOrigin::GlobalInit, VD->getLocation(), VD}));
    append(Result.Facts.Reads, std::move(Found.Reads));
    append(Result.Facts.EnterWiths, std::move(Found.EnterWiths));
    if (!Found.Sites.empty())
      Result.InitializerSites.push_back({VD, std::move(Found.Sites)});
  }
  const CXXRecordDecl *Record = VD->getType()->getAsCXXRecordDecl();
  const CXXDestructorDecl *Dtor =
      Record && Record->hasDefinition() ? Record->getDestructor() : nullptr;
  if (const FunctionInfo *Info = Index.find(Dtor); Info && Info->Relevant) {
    FunctionSteps None(Context, Index, {});
    FunctionResult Found;
    ScopeReporter(Context, Summaries, None, nullptr)
        .reportCall(Info->FD, VD->getLocation(),
                    State::noScope({NoScopeOrigin::GlobalDestroy, VD->getLocation(), VD}), Found);
    append(Result.Facts.Reads, std::move(Found.Reads));
  }
}

void Driver::reportUnknownCallers() {
  for (auto &Entry : Index.Functions) {
    const FunctionInfo &Info = Entry.second;
    auto Sum = Summaries.find(Entry.first);
    if (!Info.Relevant || Sum == Summaries.end() || Sum->second.Needs.empty() ||
        Info.Entry != EntryKind::None || !FunctionIndex::hasUnknownCallers(Info) ||
        Context.Roles.roleOf(Info.FD) == Role::RequiresScope)
      continue;
    for (const auto &NeedEntry : Sum->second.Needs) {
      ReadFact Fact;
      Fact.K = ReadFact::Kind::UnknownCallers;
      Fact.Path = NeedEntry.second.Path;
      Fact.Origin = {NoScopeOrigin::Main, Info.FD->getLocation(), Info.FD};
      Result.Facts.Reads.push_back(std::move(Fact));
    }
  }
}

void Driver::completeEnterWiths() {
  std::vector<EnterWithFact> &Facts = Result.Facts.EnterWiths;
  llvm::DenseMap<const CallExpr *, const VarDecl *> StaticInitOf;
  for (const EnterWithCall &Call : Found.EnterWithCalls)
    if (Call.StaticInit)
      StaticInitOf[Call.Call] = Call.StaticInit;
  llvm::DenseMap<const CallExpr *, size_t> FactOf;
  for (size_t I = 0; I < Facts.size(); ++I) {
    Facts[I].StaticInit = StaticInitOf.lookup(Facts[I].Call);
    FactOf.try_emplace(Facts[I].Call, I);
  }

  // The calls no flow saw: in templates never instantiated, in code no path
  // reaches, in functions whose CFG could not be built.
  for (const EnterWithCall &Call : Found.EnterWithCalls) {
    if (FactOf.count(Call.Call))
      continue;
    if (Call.InPattern) {
      if (std::optional<EnterWithFact> Fact = Finder.patternFact(Call))
        Facts.push_back(*Fact);
      continue;
    }
    EnterWithFact Fact;
    Fact.Call = Call.Call;
    Fact.Callee = Context.Roles.knownCallee(Call.Call);
    Fact.Store = Context.Roles.storeOfCall(Call.Call);
    Fact.RunMember = Context.Roles.findMemberWithRole(Fact.Store.Class, Role::Run);
    Fact.StaticInit = Call.StaticInit;
    if (const FunctionInfo *Info = Index.find(Call.Function)) {
      Fact.Function = Info->FD;
      Fact.Entry = Info->EntryOnly ? Info->Entry : EntryKind::None;
    }
    Facts.push_back(Fact);
  }
  // An install of a context that another object carries (utils/DeferredWork).
  for (EnterWithFact &Fact : Facts)
    Fact.Installs = installsCarriedContext(Context.Roles, Fact.Call);
  // A leak is of an ENTER_WITH made here or in a callee: its whole fact.
  for (LeakFact &Leak : Result.Facts.Leaks)
    if (auto It = FactOf.find(Leak.Entered.Call); It != FactOf.end())
      Leak.Entered = Facts[It->second];
}

/// The functions that run only where no invocation is: `main`, and the
/// functions that only they call (a warm-up before the first request). What
/// one of them keeps in static storage is no request's.
llvm::DenseSet<const FunctionDecl *> outsideInvocations(const FunctionIndex &Index) {
  llvm::DenseSet<const FunctionDecl *> Outside;
  for (const auto &[FD, Info] : Index.Functions)
    if (Info.FD && Info.Entry == EntryKind::Main)
      Outside.insert(FD);
  for (bool Grew = !Outside.empty(); Grew;) {
    Grew = false;
    for (const auto &[FD, Info] : Index.Functions)
      if (Info.FD && !Outside.count(FD) && Info.Entry == EntryKind::None && !Info.AddressEscapes &&
          !Info.Callers.empty() &&
          llvm::all_of(Info.Callers, [&](const FunctionDecl *C) { return Outside.count(C); }))
        Grew = Outside.insert(FD).second;
  }
  return Outside;
}

void Driver::keptValue(const StaticStore &Kept, StoreValueFinder::Source From) {
  if (From.Read) {
    Result.Facts.KeptValues.push_back(
        {Kept.Loc, Kept.Target, From.Read, nullptr, Context.Roles.storeOfCall(From.Read)});
    return;
  }
  if (Options.RecordSites)
    Result.KeptElsewhere.push_back({Kept.Loc, Kept.Target, {From.FromElsewhere}});
  if (Options.Imports)
    if (std::optional<ImportedFacts::Returned> Returned =
            Options.Imports->returnedBy(From.FromElsewhere))
      Result.Facts.KeptValues.push_back(
          {Kept.Loc, Kept.Target, nullptr, Returned->Read, Returned->Store});
}

void Driver::findKeptValues() {
  StoreValueFinder Values(Context.Roles, &Index.Elsewhere);
  llvm::DenseSet<const FunctionDecl *> Outside = outsideInvocations(Index);
  for (const StaticStore &Kept : Found.StaticStores)
    if (Kept.Function && Outside.count(Kept.Function->getCanonicalDecl()))
      continue;
    else if (StoreValueFinder::Source From = Values.anySourceOf(Kept.Value))
      keptValue(Kept, From);
  for (FunctionSummary &Sum : Result.Summaries) {
    StoreValueFinder::Source From = Values.anyReturnedBy(Sum.Function);
    Sum.Returns = From.Read;
    if (From.FromElsewhere)
      Sum.ReturnsFrom.push_back(From.FromElsewhere);
  }
}

void Driver::keepOneFactPerPlace() {
  ScopeFacts &Facts = Result.Facts;
  keepOnePerPlace(Facts.Reads, [](const ReadFact &F) {
    return std::make_pair(F.Path.start(), F.Path.Store.key());
  });
  keepOnePerPlace(Facts.EnterWiths, [](const EnterWithFact &F) { return F.Call->getExprLoc(); });
  keepOnePerPlace(Facts.Leaks, [](const LeakFact &F) {
    return std::make_pair(F.Entered.Call ? F.Entered.Call->getExprLoc() : SourceLocation(),
                          static_cast<const void *>(F.Entered.Elsewhere));
  });
  keepOnePerPlace(Facts.Suspends, [](const SuspendFact &F) {
    return std::make_pair(F.KeywordLoc, std::make_pair(F.Store.key(), F.OpenedAt));
  });
  keepOnePerPlace(Facts.KeptValues, [](const KeptValueFact &F) { return F.Loc; });
  keepOnePerPlace(Facts.KeptGuards, [](const KeptGuardFact &F) { return F.Loc; });
  keepOnePerPlace(Facts.DiscardedGuards, [](const DiscardedGuardFact &F) { return F.Loc; });
  keepOnePerPlace(Facts.NeverNullTests, [](const NeverNullTestFact &F) { return F.Loc; });
  keepOnePerPlace(Facts.LostContexts, [](const LostContextFact &F) {
    return std::make_pair(F.Arg->getBeginLoc(), F.Store.key());
  });
  keepOnePerPlace(Facts.UncarriedWork, [](const UncarriedWorkFact &F) { return F.Loc; });
  keepOnePerPlace(Facts.UnisolatedRuns, [](const UnisolatedRunFact &F) {
    return std::make_pair(F.Loc, F.Store.key());
  });
  keepOnePerPlace(Facts.KeptSnapshots, [](const KeptSnapshotFact &F) { return F.Loc; });
  keepOnePerPlace(Facts.ImplicitCaptures,
                  [](const ImplicitCaptureFact &F) { return F.Call->getExprLoc(); });
}

ScopeAnalysisResult Driver::run() {
  analyseComponents();
  for (const VarDecl *VD : Index.Globals)
    analyseGlobal(VD);
  if (Options.StrictMode)
    reportUnknownCallers();
  completeEnterWiths();
  findKeptValues();
  if (Options.RecordSites) {
    // What other files' facts take of this file besides its summaries.
    Result.EscapingElsewhere = escapingElsewhere(Context, Index);
    Result.ThrowersForElsewhere = throwersForElsewhere(Context, Index, Summaries);
  }
  append(Result.Facts.KeptGuards, std::move(Found.KeptGuards));
  Result.Facts.DiscardedGuards = std::move(Found.DiscardedGuards);
  Result.Facts.NeverNullTests = std::move(Found.NeverNullTests);
  append(Result.Facts.UncarriedWork, std::move(Found.UncarriedWork));
  Result.Facts.KeptSnapshots = std::move(Found.KeptSnapshots);
  keepOneFactPerPlace();
  return std::move(Result);
}

} // namespace

ScopeAnalysisResult analyseScopes(AnalysisContext &Context, const ScopeAnalysisOptions &Options) {
  return Driver(Context, Options).run();
}

} // namespace clang::tidy::asyncctx

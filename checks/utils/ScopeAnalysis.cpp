//===--- ScopeAnalysis.cpp - asyncctx-tidy --------------------------------===//
//
// The driver. The index (utils/FunctionIndex) gives the relevant functions
// and their calls; summaries are computed bottom-up over the call graph's
// strongly connected components, so every callee's summary is final before
// its callers are analysed. A component with recursion is iterated until its
// summaries stop growing (they only grow, so this ends); every function is
// then analysed once more, or only once where there is no recursion, with
// recording on: what the dataflow finds goes to a handler that fills the
// facts.
//
//===----------------------------------------------------------------------===//

#include "ScopeAnalysis.h"
#include "PlaceFinder.h"
#include "RoleConfig.h"
#include "ScopeDataflow.h"

#include "clang/AST/ASTContext.h"
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

ScopeHandler::~ScopeHandler() = default;

EntryKind ScopeFacts::entryOf(const FunctionDecl *FD) const {
  auto It = Entries.find(FD ? FD->getCanonicalDecl() : nullptr);
  return It == Entries.end() ? EntryKind::None : It->second;
}

namespace {

/// Fills the facts with what the dataflow reports.
class FactCollector : public ScopeHandler {
public:
  explicit FactCollector(ScopeFacts &Facts) : Facts(Facts) {}
  void handleRead(ReadFact Fact) override { Facts.Reads.push_back(std::move(Fact)); }
  void handleLeak(LeakFact Fact) override { Facts.Leaks.push_back(std::move(Fact)); }
  void handleEnterRestoredByGuard(const CallExpr *EnterWith) override {
    RestoredByGuard.insert(EnterWith);
  }
  void handleSuspendInScope(SuspendFact Fact) override {
    Facts.Suspends.push_back(std::move(Fact));
  }
  llvm::DenseSet<const CallExpr *> RestoredByGuard;

private:
  ScopeFacts &Facts;
};

/// How a function starts: with no scope where it is an entry point, else
/// with its callers' state (a thread's callable too: the edge from the
/// thread's start says that it has none).
State startOf(const FunctionInfo &Info) {
  switch (Info.Entry) {
  case EntryKind::Main:
    return State::noScope(NoScopeOrigin::Main, Info.FD->getLocation(), Info.FD);
  case EntryKind::Invocation:
    return State::noScope(NoScopeOrigin::Invocation, Info.FD->getLocation(), Info.FD);
  case EntryKind::Thread:
  case EntryKind::None:
    return State::entry();
  }
  llvm_unreachable("unknown entry kind");
}

/// Relevant: touches a store, or calls (or hands on) a relevant function.
void markRelevant(FunctionIndex &Index) {
  std::deque<FunctionInfo *> Work;
  for (auto &Entry : Index.Functions)
    if (Entry.second.TouchesStore && Entry.second.FD) {
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

void reportUnknownCallers(FunctionIndex &Index, ScopeFacts &Facts) {
  for (auto &Entry : Index.Functions) {
    const FunctionInfo &Info = Entry.second;
    if (!Info.Relevant || Info.Sum.Needs.empty() || Info.Entry != EntryKind::None ||
        !FunctionIndex::hasUnknownCallers(Info) || roleOf(Info.FD) == Role::RequiresScope)
      continue;
    for (const auto &NeedEntry : Info.Sum.Needs) {
      const Need &N = NeedEntry.second;
      ReadFact Fact;
      Fact.Kind = ReadFact::UnknownCallers;
      Fact.Loc = N.FirstLoc;
      Fact.Reader = N.Chain.empty() ? N.ReadFunction : N.Chain.front().Callee;
      Fact.Store = N.Store;
      Fact.OriginDecl = Info.FD;
      Fact.OriginLoc = Info.FD->getLocation();
      if (!N.Chain.empty())
        Fact.Chain.assign(N.Chain.begin() + 1, N.Chain.end());
      Fact.ReadLoc = N.ReadLoc;
      Fact.ReadFunction = N.ReadFunction;
      Facts.Reads.push_back(std::move(Fact));
    }
  }
}

} // namespace

ScopeFacts analyseScopes(ASTContext &Ctx, const ScopeAnalysisOptions &Options) {
  ScopeFacts Facts;
  PlaceFinder Places(Ctx, Facts);
  FunctionIndex Index(Ctx, Places);
  for (auto &[FD, Info] : Index.Functions)
    if (Info.FD && Info.Entry != EntryKind::None && Info.EntryOnly)
      Facts.Entries[FD] = Info.Entry;
  markRelevant(Index);

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

  FactCollector Collector(Facts);
  ScopeDataflow Flow(Ctx, Index, &Collector);
  NeedMap Needs;
  EffectList Effects;
  for (auto SCC = llvm::scc_begin(&Root); !SCC.isAtEnd(); ++SCC) {
    const std::vector<CallNode *> &Group = *SCC;
    if (Group.size() == 1 && !Group.front()->Info)
      continue; // the root
    if (SCC.hasCycle()) {
      for (bool Changed = true; Changed;) {
        Changed = false;
        for (CallNode *Node : Group) {
          Flow.analyseFunction(*Node->Info, startOf(*Node->Info), /*Record=*/false, Needs, Effects);
          Changed |= Node->Info->Sum.join(Needs, Effects);
        }
      }
    }
    for (CallNode *Node : Group) {
      Flow.analyseFunction(*Node->Info, startOf(*Node->Info), /*Record=*/true, Needs, Effects);
      Node->Info->Sum.join(Needs, Effects);
    }
  }
  for (const VarDecl *VD : Index.Globals)
    Flow.analyseGlobal(VD);
  if (Options.StrictMode)
    reportUnknownCallers(Index, Facts);
  Places.finish(Collector.RestoredByGuard);
  return Facts;
}

namespace {
struct SharedFacts {
  const ASTContext *Ctx = nullptr;
  const RoleConfig *Config = nullptr;
  ScopeFacts Facts;
};
thread_local SharedFacts Shared;
} // namespace

const ScopeFacts &sharedScopeFacts(ASTContext &Ctx) {
  if (Shared.Ctx != &Ctx || Shared.Config != currentRoleConfig()) {
    ScopeAnalysisOptions Everything;
    Everything.StrictMode = true;
    Shared.Facts = analyseScopes(Ctx, Everything);
    Shared.Ctx = &Ctx;
    Shared.Config = currentRoleConfig();
  }
  return Shared.Facts;
}

void forgetSharedScopeFacts() {
  Shared = SharedFacts();
  forgetKnownRoles();
}

} // namespace clang::tidy::asyncctx

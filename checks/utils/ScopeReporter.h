//===--- ScopeReporter.h - asyncctx-tidy ----------------------------------===//
//
// Reads what the converged states of one function mean (utils/ScopeDataflow
// computes them): it walks the blocks once, replaying the transfer functions
// from each block's entry state, and before each step it looks at the state:
//
//   a read, or a callee's need     where the store's state holds No: a
//                                  ReadFact; where it holds Entry: a need
//                                  of this function, for its callers
//   a handed-on callable           its needs, read at the state it runs in
//                                  (utils/Callables)
//   ENTER_WITH                     an EnterWithFact, and what ends it later
//                                  in the function (a DISABLE, a callee that
//                                  clears the store, a restoring guard)
//   co_await, co_yield             a SuspendFact per scope the coroutine
//                                  opened and still holds
//   an invocation's exits          a LeakFact per ENTER_WITH still current
//   deferred work                  a callable kept for later that reads a
//   (utils/DeferredReporter.cpp)   store (rule 1), an item's work run
//                                  outside its context (rule 2) or with an
//                                  unscoped install current (rule 3), an
//                                  implicit capture for a long-lived
//                                  callback object (rule 4)
//
// It emits each fact whole, and computes the function's summary (its needs,
// and its effects from the state at its exit).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_SCOPEREPORTER_H
#define ASYNCCTX_TIDY_UTILS_SCOPEREPORTER_H

#include "CallSites.h"
#include "ScopeDataflow.h"
#include "ScopeFacts.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
namespace tidy::asyncctx {

struct AnalysisContext;
struct FunctionInfo;

/// What the analysis of one function (or one initializer) found.
struct FunctionResult {
  NeedMap Needs;
  EffectList Effects;
  bool MayThrow = false;
  std::vector<ReadFact> Reads;
  std::vector<EnterWithFact> EnterWiths;
  std::vector<LeakFact> Leaks;
  std::vector<SuspendFact> Suspends;
  std::vector<KeptGuardFact> KeptGuards;
  /// With ScopeReporter::recordSites: where the function's callees' needs
  /// are read, in the order the reporter met them.
  std::vector<CallSite> Sites;
  std::vector<LostContextFact> LostContexts;
  std::vector<UncarriedWorkFact> UncarriedWork;
  std::vector<UnisolatedRunFact> UnisolatedRuns;
  std::vector<ImplicitCaptureFact> ImplicitCaptures;
};

class ScopeReporter {
public:
  /// \p Current is the function whose steps are read, or null for the steps
  /// of an initializer outside any function.
  ScopeReporter(const AnalysisContext &Context, const SummaryMap &Summaries,
                const FunctionSteps &Steps, const FunctionInfo *Current);

  /// The facts, needs and effects of Current, from the converged states of
  /// its CFG; \p FindLeaks for an invocation, which must end with no value
  /// it entered still current.
  FunctionResult report(const CFG &Graph, const BlockStates &AtEntry, bool FindLeaks);

  /// The facts of the steps of an initializer, from \p Start.
  FunctionResult reportStatements(State Start);

  /// The reads of \p Callee's needs at \p St, as a call of it at \p Loc
  /// makes them (a namespace-scope variable's destructor).
  void reportCall(const FunctionDecl *Callee, SourceLocation Loc, const State &St,
                  FunctionResult &Out);

  /// Also keep each site where a callee's needs are read (for the facts of
  /// the file: utils/SummaryRecords).
  void recordSites() { RecordingSites = true; }

private:
  /// Where a read is reported, and what the diagnostics say of how it runs.
  struct ReadSite {
    ReadPath Path;
    SourceLocation StartLoc;
    const NamedDecl *StartedBy = nullptr;
    bool StartedByBind = false;
    const Expr *Bindable = nullptr;
  };
  /// Where the scope of a RUN or BIND that calls a coroutine ends: before
  /// its body (lazy), or at its first suspension.
  struct ScopeEnd {
    StoreRef Store;
    bool Lazy = false;
    SourceLocation At;
    const NamedDecl *By = nullptr;
  };

  /// Looks at the state before \p S, then applies it.
  void step(const Step &S, State &St);
  void read(const ReadSite &Site, const State &St);
  void calleeNeeds(const FunctionDecl *Callee, SourceLocation Loc, const State &St,
                   llvm::ArrayRef<const Expr *> Args);
  void handoff(const HandoffStep &HS, const State &St);
  /// The callable \p HS hands on (its definition where there is one) and
  /// its summary; no summary for one not analysed, nor for the function
  /// being reported (handed to itself).
  std::pair<const FunctionDecl *, const Summary *> handedOn(const HandoffStep &HS) const;
  /// The needs of a callable handed on, read at \p Runs, the state it runs
  /// in; \p OnlyStore for a BIND, which carries only its store.
  void handedOnNeeds(const HandoffStep &HS, const State &Runs, const StoreRef *OnlyStore,
                     const std::optional<ScopeEnd> &End, const State *HandedFrom);
  void enter(const Step &S, const State &St);
  void suspend(const Step &S, const State &St);
  /// A token let go while its scope is live: the scope never ends.
  void released(const Step &S, const State &St);
  /// Notes the ENTER_WITH calls of this function whose value a step ended.
  void closings(const State &Before, const State &After);
  /// Marks the EnterWithFacts of the calls that closings() saw ended.
  void markClosed();
  void leaks(const State &AtEnd, SourceLocation EndLoc);
  /// Keeps a site, when recording.
  void site(CallSite::Kind K, const FunctionDecl *Callee, SourceLocation Loc, const State &St,
            llvm::ArrayRef<const Expr *> Args = {});
  void handoffSite(const HandoffStep &HS, const State &Runs, const std::optional<ScopeEnd> &End);

  // Deferred work (DeferredReporter.cpp).
  /// Rule 1: the needs of a callable kept for later, at the hand-off.
  void keptForLater(const HandoffStep &HS, const State &St);
  /// Rules 2 and 3: a call that runs an item's work.
  void runsWork(const Step &S, const State &St);
  /// Rule 4: an implicit capture for a long-lived callback object.
  void captures(const Step &S, const State &St);
  /// Rule 3: drops the unisolated runs that a later restore in the function
  /// (a DISABLE, a scope-exit lambda that clears) isolates after all.
  void keepUnrestoredRuns();

  const AnalysisContext &Context;
  const SummaryMap &Summaries;
  const FunctionSteps &Steps;
  const FunctionInfo *Current;
  ScopeTransfer Transfer;
  FunctionResult Result;
  /// Whether Current is an invocation, whose exits must leave no value
  /// current, and the ENTER_WITH calls already found leaking.
  bool FindLeaks = false;
  /// Result.Leaks' index of each ENTER_WITH found leaking (its call here,
  /// or the ExternalCall of another file's).
  llvm::DenseMap<const void *, size_t> Leaked;
  /// The ENTER_WITH calls whose value a later step in the function ends.
  llvm::SmallPtrSet<const CallExpr *, 4> Closed;
  bool RecordingSites = false;
  /// The ENTER_WITH calls whose value a later ENTER_WITH replaced, and by which.
  llvm::DenseMap<const CallExpr *, llvm::SmallPtrSet<const CallExpr *, 2>> Replaced;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPEREPORTER_H

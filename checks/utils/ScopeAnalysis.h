//===--- ScopeAnalysis.h - asyncctx-tidy ----------------------------------===//
//
// The entry point of the analysis of a translation unit. docs/architecture.md
// shows how the parts fit together:
//
//   FunctionIndex   one traversal of the user's code: the functions, who
//                   calls whom, which callables are handed where
//                   (utils/Callables), how each function is entered, and the
//                   single places the checks look at (utils/PlaceFinder)
//   FunctionSteps   what each element of a function's CFG does to the stores
//   ScopeDataflow   the states of one function's CFG, to a fixed point
//   ScopeReporter   the facts and the summary read off the final states
//   ScopeAnalysis   summaries bottom-up over the call graph's strongly
//                   connected components; the facts, one per place
//
// Terms:
//  - A *read* is a call of a READ-role function, or a call of a function of
//    the translation unit that *needs* a scope (below).
//  - A point is *in scope* of store S after ENTER_WITH(S) on every path and
//    before a DISABLE(S); inside the callable given to RUN(S); from a
//    SCOPE_GUARD for S to its destructor; inside a callable made by BIND(S)
//    where S was in scope.
//  - A point has *no scope* of S on a path that starts in `main`, in an
//    invocation, in a namespace-scope initializer or destructor, in the
//    callable given to EXIT(S), or in a callable started on a new thread,
//    or that went through DISABLE(S).
//  - Elsewhere a function's state of S is its caller's (*entry*). A read at
//    an entry point is the function's *need*: its callers are checked for it,
//    as Thread Safety Analysis checks a REQUIRES it inferred.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_SCOPEANALYSIS_H
#define ASYNCCTX_TIDY_UTILS_SCOPEANALYSIS_H

#include "ScopeFacts.h"

namespace clang {
namespace tidy::asyncctx {

struct AnalysisContext;

struct ScopeAnalysisOptions {
  /// Also find the needs of functions whose callers are unknown (externally
  /// visible with no caller here, or whose address is taken), unless they are
  /// annotated ASYNCCTX_REQUIRES_SCOPE (ReadFact::Kind::UnknownCallers).
  bool StrictMode = false;
  /// Also keep each analysed function's summary (utils/SummaryRecords).
  bool KeepSummaries = false;
};

/// One analysed function's summary, with how it is entered and what it
/// returns from a store.
struct FunctionSummary {
  const FunctionDecl *Function = nullptr;
  EntryKind Entry = EntryKind::None;
  /// Every run of it begins as that entry point: nothing else calls it.
  bool EntryOnly = true;
  Summary Sum;
  /// The READ (or SNAPSHOT) call whose value it returns on some path.
  const CallExpr *Returns = nullptr;
};

struct ScopeAnalysisResult {
  ScopeFacts Facts;
  /// With KeepSummaries: every function analysed, in the order analysed
  /// (callees before their callers).
  std::vector<FunctionSummary> Summaries;
};

/// Analyses every function of the translation unit that touches a store,
/// directly or through the functions it calls.
ScopeAnalysisResult analyseScopes(AnalysisContext &Context, const ScopeAnalysisOptions &Options);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPEANALYSIS_H

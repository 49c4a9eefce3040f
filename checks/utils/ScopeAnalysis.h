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

#include "CallSites.h"
#include "ScopeFacts.h"

namespace clang {
namespace tidy::asyncctx {

struct AnalysisContext;
class ImportedFacts;

struct ScopeAnalysisOptions {
  /// Also find the needs of functions whose callers are unknown (externally
  /// visible with no caller here, or whose address is taken), unless they are
  /// annotated ASYNCCTX_REQUIRES_SCOPE (ReadFact::Kind::UnknownCallers).
  bool StrictMode = false;
  /// Also keep each analysed function's summary (utils/SummaryRecords).
  bool KeepSummaries = false;
  /// For the facts of this file (utils/SummaryRecords; implies
  /// KeepSummaries): also follow the calls of functions with no body here,
  /// and keep, per function, where its callees' needs are read (its sites),
  /// the values kept in static storage that may come from another file, and
  /// the functions of other files whose address escapes here.
  bool RecordSites = false;
  /// The facts of the program's other files that this analysis uses: the
  /// summaries of functions with no body here, and how this file's
  /// functions are called elsewhere (utils/ImportedFacts).
  const ImportedFacts *Imports = nullptr;
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
  /// With RecordSites: the functions of other files whose store value it
  /// may return; where its callees' needs are read; whether its callers are
  /// not all known here, and whether its address escapes.
  llvm::SmallVector<const FunctionDecl *, 1> ReturnsFrom;
  std::vector<CallSite> Sites;
  bool UnknownCallers = false;
  bool AddressEscapes = false;
};

/// A value put into static storage that may come from a function of
/// another file.
struct KeptFromElsewhere {
  SourceLocation Loc;
  const NamedDecl *Target = nullptr;
  llvm::SmallVector<const FunctionDecl *, 1> From;
};

struct ScopeAnalysisResult {
  ScopeFacts Facts;
  /// With KeepSummaries: every function analysed, in the order analysed
  /// (callees before their callers).
  std::vector<FunctionSummary> Summaries;
  /// With RecordSites.
  std::vector<KeptFromElsewhere> KeptElsewhere;
  /// With RecordSites: where the initializer of each namespace-scope
  /// variable reads its callees' needs (with no scope).
  std::vector<std::pair<const VarDecl *, std::vector<CallSite>>> InitializerSites;
  std::vector<const FunctionDecl *> EscapingElsewhere;
  /// With RecordSites: utils/CrossFile's throwersForElsewhere.
  std::vector<const FunctionDecl *> ThrowersForElsewhere;
};

/// Analyses every function of the translation unit that touches a store,
/// directly or through the functions it calls.
ScopeAnalysisResult analyseScopes(AnalysisContext &Context, const ScopeAnalysisOptions &Options);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPEANALYSIS_H

//===--- ScopeDataflow.h - asyncctx-tidy ----------------------------------===//
//
// One function's scope dataflow: a forward analysis over its CFG (built with
// implicit destructors, so a guard's scope ends where its destructor runs),
// driven by a worklist in reverse post-order to a fixed point. It computes
// states and nothing else: what they mean (reads with no scope, needs,
// leaks) is read off the converged states by utils/ScopeReporter, as Clang's
// dataflow framework leaves diagnostics to a callback over the final states.
//
// The transfer functions, per step (utils/FunctionSteps):
//   Enter(S)        S is In (remembering the call)
//   Disable(S)      S is No, cleared here
//   Call            the callee's effects hold (Entry in an effect stands for
//                   the state at the call)
//   GuardBegins     the guard's store's state is saved, S is In (unless the
//                   guard only restores); GuardEnds puts it back
//   Effects       the effects of the scope-exit lambda hold
//   Suspend         the state remembers the first suspension on its paths
//   Read, Handoff   nothing (the reporter reads them)
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_SCOPEDATAFLOW_H
#define ASYNCCTX_TIDY_UTILS_SCOPEDATAFLOW_H

#include "FunctionSteps.h"
#include "Summaries.h"

#include <optional>
#include <vector>

namespace clang {
class CFG;
class PostOrderCFGView;

namespace tidy::asyncctx {

/// The state at the entry of each block, by block ID; none for a block no
/// path reaches.
using BlockStates = std::vector<std::optional<State>>;

/// The transfer functions: how one step changes the state.
class ScopeTransfer {
public:
  explicit ScopeTransfer(const SummaryMap &Summaries) : Summaries(Summaries) {}
  void apply(const Step &S, State &St) const;

private:
  /// The effects of \p Callee's summary hold after its call at \p Loc.
  void applyEffects(const FunctionDecl *Callee, SourceLocation Loc,
                    llvm::ArrayRef<const Expr *> Args, State &St) const;
  const SummaryMap &Summaries;
};

/// The states of \p Graph's blocks from \p Start, to a fixed point (the
/// kinds per store only grow, so this ends).
BlockStates solveScopes(const CFG &Graph, PostOrderCFGView &Order,
                        const FunctionSteps &Steps, const ScopeTransfer &Transfer,
                        const State &Start);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPEDATAFLOW_H

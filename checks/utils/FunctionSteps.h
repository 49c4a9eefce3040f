//===--- FunctionSteps.h - asyncctx-tidy ----------------------------------===//
//
// What each element of a function's CFG does to the stores, found once from
// the AST and the roles: the dataflow's instructions. The transfer functions
// (utils/ScopeDataflow) and the reporter (utils/ScopeReporter) both read
// these steps, so neither asks the role layer again, and what a statement
// does is decided in one place.
//
//   Read         a READ of Store (not one that never returns null or empty,
//                RoleTrait NeverNull)
//   Enter        ENTER_WITH(Store)
//   Disable      DISABLE(Store)
//   Call         a call of a function of the translation unit that touches a
//                store: its needs are read here, then its effects hold
//   Handoff      a callable handed on (utils/Callables says where it runs)
//   GuardBegins  a scope guard's variable is initialised
//   GuardEnds    a scope guard's destructor runs (also `token.reset()`)
//   GuardReleased  a token let go without being destroyed (`token.release()`)
//   Effects      a callable's effects hold here: the lambda of a scope-exit
//                guard at its destructor, a callable run in place
//   Throws       a call, outside any try block, of a function of this file
//                that may throw: an exception can end the function here
//   Suspend      co_await or co_yield (not in a coroutine whose task type,
//                or not on an awaitable that, carries the context)
//   RunsWork     a call that runs an item's work (utils/DeferredWork): an
//                item taken from a queue here, or one whose carried context
//                this function installs
//   Captures     a CAPTURES_CONTEXT call that takes the current context
//                implicitly for a callback object that is `this` or one of
//                its members
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_FUNCTIONSTEPS_H
#define ASYNCCTX_TIDY_UTILS_FUNCTIONSTEPS_H

#include "Callables.h"
#include "Roles.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang {
class CFG;
class SourceManager;
class CFGBlock;
class Stmt;
class VarDecl;

namespace tidy::asyncctx {

struct AnalysisContext;
class FunctionIndex;

struct Step {
  enum class Kind : uint8_t {
    Read,
    Enter,
    Disable,
    Call,
    Handoff,
    GuardBegins,
    GuardEnds,
    GuardReleased,
    Effects,
    Throws,
    Suspend,
    RunsWork,
    Captures,
  };
  Kind K = Kind::Read;
  /// GuardBegins: the guard sets nothing and only restores.
  bool RestoresOnly = false;
  /// Suspend: co_yield rather than co_await.
  bool IsYield = false;
  /// GuardBegins: the guard is given a null or empty value: it clears.
  bool Clears = false;
  /// RunsWork: the item was taken from a queue in this function.
  bool FromQueue = false;
  /// RunsWork: this function installs a context the item carries (of
  /// Store).
  bool ItemCarriesContext = false;
  /// Captures: the callback object is `this`, and the call is reached from
  /// its own callback (an override of a virtual method of its class): it
  /// schedules itself again with the context it ran in.
  bool SelfRescheduling = false;
  /// Read, Enter, Disable: the call; Call: the call or construction;
  /// Suspend: the co_await or co_yield.
  const Stmt *S = nullptr;
  StoreRef Store;
  /// Read: the READ function; Disable: the DISABLE function; Call: the
  /// function called; Effects: the callable whose effects hold.
  const FunctionDecl *Callee = nullptr;
  /// GuardBegins, GuardEnds, GuardReleased: the guard's variable (or the
  /// local variable that holds it); Effects: the scope-exit
  /// guard's variable, if that is where they hold; RunsWork: the item's.
  const VarDecl *Var = nullptr;
  /// RunsWork: what runs (the item's callable member or virtual method, or
  /// the item); Captures: the callback object's class.
  const NamedDecl *Work = nullptr;
  /// Where it happens: the call, the keyword, the variable.
  SourceLocation Loc;
  /// Call: the arguments, one for each of the callee's parameters.
  llvm::ArrayRef<const Expr *> Args;
  /// Handoff: its index in FunctionSteps::handoffs().
  unsigned HandoffIndex = 0;
};

/// A callable handed on, with the call that hands it on.
struct HandoffStep {
  Handoff H;
  /// The call or construction that hands it on, and what it calls there.
  SourceLocation At;
  const NamedDecl *By = nullptr;
  /// The lambda is written at that call: its reads are reported where they
  /// are, with a note at the call.
  bool Inline = false;
};

class FunctionSteps {
public:
  /// The steps of every block of \p Graph, the CFG of \p Function's body.
  FunctionSteps(const AnalysisContext &Context, const FunctionIndex &Index,
                const FunctionDecl *Function, const CFG &Graph);
  /// The steps of the calls in \p Statements, in that order, outside any
  /// function (a namespace-scope variable's initializer).
  FunctionSteps(const AnalysisContext &Context, const FunctionIndex &Index,
                llvm::ArrayRef<const Stmt *> Statements);

  llvm::ArrayRef<Step> of(const CFGBlock &Block) const;

  /// Where an exception thrown in \p Block goes: the block whose successors
  /// are the handlers of the innermost try block that holds it, if any.
  const CFGBlock *dispatchOf(const CFGBlock &Block) const;
  /// Where in \p Block's steps its try block begins: the first step in it
  /// (the steps before are before the try block), or the number of steps.
  unsigned tryBeginsAt(const CFGBlock &Block) const;
  /// The guards declared in the try block of \p Dispatch: an exception that
  /// leaves it has ended them.
  llvm::ArrayRef<const VarDecl *> unwoundAt(const CFGBlock &Dispatch) const;
  /// Every step, for steps made of statements.
  llvm::ArrayRef<Step> all() const { return Steps; }
  const HandoffStep &handoff(const Step &S) const { return Handoffs[S.HandoffIndex]; }

private:
  class Builder;
  /// Marks the RunsWork steps whose item carries a context that one of
  /// \p Installed (the items whose carried context this function installs)
  /// names.
  void markCarriedContexts(const llvm::SmallDenseMap<const VarDecl *, StoreRef, 4> &Installed);
  /// Which try block holds each block (functions with a try only).
  void mapTryBlocks(const AnalysisContext &Context, const CFG &Graph);
  /// The dispatch block of the innermost try block whose text holds \p Loc.
  const CFGBlock *tryHolding(SourceLocation Loc) const;

  std::vector<Step> Steps;
  /// Where each block's steps begin in Steps, by block ID, and where the
  /// last one's end.
  std::vector<unsigned> BlockBegin;
  std::vector<HandoffStep> Handoffs;
  /// The try blocks' text, with their dispatch blocks.
  std::vector<std::pair<SourceRange, const CFGBlock *>> Tries;
  const SourceManager *TrySources = nullptr;
  /// By block ID: the dispatch block of the try that holds it (or null),
  /// and where its steps enter that try block.
  std::vector<const CFGBlock *> Dispatch;
  std::vector<unsigned> TryBegins;
  llvm::DenseMap<const CFGBlock *, std::vector<const VarDecl *>> Unwound;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_FUNCTIONSTEPS_H

//===--- ScopeDataflow.h - asyncctx-tidy ----------------------------------===//
//
// One function's scope dataflow: a forward analysis over its CFG (built with
// implicit destructors, so a guard's scope ends where its destructor runs),
// driven by a worklist in reverse post-order to a fixed point, then one pass
// with the final states that reports to a ScopeHandler.
//
// Transfer functions, per CFG element:
//   ENTER_WITH(S)       S is In (remembering the call)
//   DISABLE(S)          S is No, cleared here
//   READ(S)             a read: checked against S's state (not one that
//                       never returns null or empty, RoleTrait NeverNull)
//   a guard's variable  its store's state is saved, S is In (unless the
//                       guard only restores); its destructor puts it back
//   a call              the callee's needs are read at the call, then its
//                       effects hold
//   co_await, co_yield    a scope the coroutine opened is reported
//                       (asyncctx-suspend-in-scope); the reads after it are
//                       needs of their own, for a RUN of this coroutine
//   a scope-exit guard's destructor  the effects of the lambda written in
//                       its initializer hold (utils/Callables)
//   a handed-on callable  its needs are read at the state it runs in
//                       (utils/Callables): RUN(S) makes S In, EXIT(S) makes
//                       it No, a thread starts with none, BIND(S) carries S
//                       as it is at the bind, a runner's callable is an
//                       invocation of its own and is not read here
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_SCOPEDATAFLOW_H
#define ASYNCCTX_TIDY_UTILS_SCOPEDATAFLOW_H

#include "FunctionIndex.h"

namespace clang {
class CFGBlock;
class CFGElement;

namespace tidy::asyncctx {

struct Handoff;

class ScopeDataflow {
public:
  /// With a null \p Handler the analysis only computes summaries.
  ScopeDataflow(ASTContext &Ctx, FunctionIndex &Index, ScopeHandler *Handler)
      : Ctx(Ctx), Index(Index), Handler(Handler) {}

  /// Analyses \p Info's body from \p Start, using the summaries of its
  /// callees; returns its needs and effects. With \p Record, tells the
  /// handler what it finds.
  void analyseFunction(FunctionInfo &Info, const State &Start, bool Record, NeedMap &Needs,
                       EffectList &Effects);

  /// The calls of a namespace-scope variable's initializer, and its
  /// destruction, where no scope is active.
  void analyseGlobal(const VarDecl *VD);

private:
  /// Where a read is reported, and the chain below it.
  struct ReadSite {
    ReadSite(SourceLocation Loc, const FunctionDecl *Reader, llvm::ArrayRef<ChainLink> Chain,
             SourceLocation ReadLoc, const FunctionDecl *ReadFunction)
        : Loc(Loc), Reader(Reader), Chain(Chain), ReadLoc(ReadLoc), ReadFunction(ReadFunction) {}
    SourceLocation Loc;
    const FunctionDecl *Reader = nullptr;
    llvm::ArrayRef<ChainLink> Chain;
    SourceLocation ReadLoc;
    const FunctionDecl *ReadFunction = nullptr;
    SourceLocation StartLoc;
    const NamedDecl *StartedBy = nullptr;
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

  void transfer(const CFGElement &Element, State &St, bool Record);
  void suspend(const Stmt *S, SourceLocation Keyword, State &St, bool Record);
  void transferStmt(const Stmt *S, State &St, bool Record);
  void handleCall(const CallExpr *Call, State &St, bool Record);
  void runHandoff(const Handoff &H, const Expr *Consumer, State &St, bool Record);
  /// Reads the needs of \p Callee at \p St, as a call at \p Loc does; for a
  /// lambda written at the call that runs it (\p Inline), at its reads.
  void readNeeds(const FunctionDecl *Callee, SourceLocation Loc, const State &St, bool Record,
                 const StoreRef *OnlyStore, llvm::ArrayRef<const Expr *> Args,
                 const Expr *Inline = nullptr, const ScopeEnd *End = nullptr,
                 const Handoff *Spawned = nullptr, const State *Caller = nullptr);
  /// A direct call: its needs are read here, then its effects hold.
  void callAndContinue(const FunctionDecl *Callee, SourceLocation Loc, State &St, bool Record,
                       llvm::ArrayRef<const Expr *> Args);
  /// The callee's effects hold after a call of it at \p Loc.
  void applyEffects(const FunctionInfo &Info, SourceLocation Loc, State &St,
                    llvm::ArrayRef<const Expr *> Args);
  void read(const StoreRef &Store, const ReadSite &Site, const State &St, bool Record);
  void findLeaks(const FunctionInfo &Info,
                 llvm::ArrayRef<std::pair<const CFGBlock *, State>> EndingBlocks);

  ASTContext &Ctx;
  FunctionIndex &Index;
  ScopeHandler *Handler;
  FunctionInfo *Current = nullptr;
  NeedMap Found;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPEDATAFLOW_H

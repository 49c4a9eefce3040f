//===--- ScopeAnalysis.h - asyncctx-tidy ----------------------------------===//
//
// The facts the checks report, and the entry point of the analysis that
// finds them. docs/architecture.md shows how the parts fit together:
//
//   FunctionIndex   one traversal of the user's code: the functions, who
//                   calls whom, which callables are handed where
//                   (utils/Callables), how each function is entered, and the
//                   single places the checks look at (utils/PlaceFinder)
//   ScopeLattice    the state of the stores at a point
//   ScopeDataflow   one function over its CFG, to a fixed point, reporting
//                   to a ScopeHandler
//   ScopeAnalysis   summaries bottom-up over the call graph's strongly
//                   connected components, then one recording pass
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
#ifndef ASYNCCTX_TIDY_UTILS_SCOPEANALYSIS_H
#define ASYNCCTX_TIDY_UTILS_SCOPEANALYSIS_H

#include "Roles.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class NamedDecl;
class CallExpr;
class CXXNewExpr;
class Expr;
class Stmt;
class ValueDecl;
class VarDecl;

namespace tidy::asyncctx {

/// How a function is entered, where that tells whether a scope is active
/// (FunctionIndex decides it, once).
enum class EntryKind {
  None,       ///< an ordinary function: its callers decide
  Main,       ///< `main`: no scope is active
  Invocation, ///< ASYNCCTX_INVOCATION, configured, or handed to a runner: starts with no value
  Thread,     ///< handed to a thread start: starts with no value
};

/// Where a path with no scope began.
enum class NoScopeOrigin {
  Main,           ///< `main` runs with no scope
  Invocation,     ///< an INVOCATION function starts with none
  Disabled,       ///< DISABLE cleared the store
  Exit,           ///< the callable given to EXIT runs with none
  Thread,         ///< a callable started on a new thread, or by a SPAWN function
  LazyCoroutine,  ///< a lazy coroutine given to RUN/BIND: its body starts after RUN returned
  Suspended,      ///< a coroutine given to RUN/BIND, after its first suspension
  GlobalInit,     ///< a namespace-scope or static member initializer
  GlobalDestroy,  ///< the destructor of a namespace-scope variable
  NewStore,       ///< a store that is a local variable: created with no value
};

/// One step of a chain from a reporting call down to the read.
struct ChainLink {
  const FunctionDecl *Caller; ///< the function that makes the call
  const FunctionDecl *Callee; ///< the function called
  SourceLocation CallLoc;
};

/// A read where no scope is, or may be, active.
struct ReadFact {
  enum Kind {
    NoScope,        ///< no scope on any path to it
    NoScopeOnSomePath,
    UnknownCallers, ///< StrictMode: its function's callers are not known
  } Kind;
  SourceLocation Loc;          ///< the read, or the call that leads to it
  const FunctionDecl *Reader;  ///< the READ function, or the function called
  StoreRef Store;
  NoScopeOrigin Origin = NoScopeOrigin::Main;
  SourceLocation OriginLoc;
  const NamedDecl *OriginDecl = nullptr; ///< the function/variable/callee behind the origin
  /// From the called function down to the READ call (empty for a direct read).
  llvm::SmallVector<ChainLink, 4> Chain;
  SourceLocation ReadLoc;            ///< the READ call at the end of the chain
  const FunctionDecl *ReadFunction;  ///< the READ function called there
  /// For a read in a lambda written at the call that runs it: that call, and
  /// the function it calls (`run`, `std::thread`).
  SourceLocation StartLoc;
  const NamedDecl *StartedBy = nullptr;
  /// A callable handed to a thread or spawn where the store's scope may be
  /// active: wrapping it in the store's BIND would carry the scope over.
  const Expr *Bindable = nullptr;
};

/// An invocation that can end with a value still current: after ENTER_WITH
/// (here, or in a function it calls) some path leaves it without DISABLE.
struct LeakFact {
  StoreRef Store;
  const CallExpr *EnterWith = nullptr;       ///< the ENTER_WITH call
  const FunctionDecl *Invocation = nullptr;
  SourceLocation ViaLoc;                     ///< the call in the invocation that led to it, if any
  SourceLocation EndLoc;                     ///< where the leaking path ends the invocation
};

/// A coroutine suspends (co_await, co_yield) while a scope it opened in its
/// own body is active: the value stays on this thread while it waits, and is
/// missing where it resumes.
struct SuspendFact {
  const Stmt *Suspend = nullptr;          ///< the co_await or co_yield
  SourceLocation KeywordLoc;
  const FunctionDecl *Coroutine = nullptr;
  StoreRef Store;
  SourceLocation OpenedAt;                ///< the ENTER_WITH, or the guard's variable
  const NamedDecl *OpenedBy = nullptr;    ///< the ENTER_WITH function, or the guard variable
};

/// A value put into a variable of namespace, static or thread storage.
struct StaticStore {
  const Expr *Value = nullptr;
  const VarDecl *Target = nullptr;
  SourceLocation Loc; ///< the assignment, or the variable initialized
};

/// A scope guard kept where it outlives the invocation: a data member (it
/// ends with its object), a variable of static storage (it never ends).
struct KeptGuard {
  const Expr *Guard = nullptr;     ///< the construction or call that made it
  const ValueDecl *Target = nullptr;
  SourceLocation Loc;
};

struct ScopeFacts {
  std::vector<ReadFact> Reads;
  std::vector<LeakFact> Leaks;
  std::vector<SuspendFact> Suspends;

  /// The entry points of the translation unit that are entered only as
  /// such (nothing else calls them): what each run of them begins with.
  llvm::DenseMap<const FunctionDecl *, EntryKind> Entries;
  /// How every run of \p FD begins; None for an ordinary function, and for
  /// an entry point that is also called directly.
  EntryKind entryOf(const FunctionDecl *FD) const;

  // What the one traversal of the user's code (system headers skipped) found
  // for the checks that look at single places, so that none of them needs an
  // AST matcher that would run over every node of the standard library.

  /// Every ENTER_WITH call, template instantiations included, but those that
  /// a manual scope bounds (utils/PlaceFinder).
  std::vector<const CallExpr *> EnterWithCalls;
  /// ENTER_WITH calls in the initializer of a variable of static storage.
  std::vector<std::pair<const CallExpr *, const VarDecl *>> EnterWithInStaticInit;
  /// Assignments to, and initializers of, variables of static storage.
  std::vector<StaticStore> StaticStores;
  /// SCOPE_GUARD variables of static or thread storage, and guards made
  /// with `new`.
  std::vector<const VarDecl *> StaticGuards;
  std::vector<const CXXNewExpr *> NewGuards;
  /// Guards made by a call (a token, a scope object) and kept in a member or
  /// assigned to a variable of static storage.
  std::vector<KeptGuard> KeptGuards;
  /// Guards made and dropped in one statement: their scope covers nothing.
  std::vector<const Expr *> DiscardedGuards;
  /// Null tests of a read that never returns null (RoleTrait NeverNull):
  /// of the call itself, or of a local variable it initialised.
  struct NeverNullTest {
    const CallExpr *Read = nullptr;
    SourceLocation Loc; ///< the test: the call, or the variable's use
    const VarDecl *Var = nullptr;
  };
  std::vector<NeverNullTest> NeverNullTests;
};

struct ScopeAnalysisOptions {
  /// Also report the needs of functions whose callers are unknown (externally
  /// visible with no caller here, or whose address is taken), unless they are
  /// annotated ASYNCCTX_REQUIRES_SCOPE.
  bool StrictMode = false;
};

/// What the dataflow tells as it goes, as Thread Safety Analysis tells Sema.
class ScopeHandler {
public:
  virtual ~ScopeHandler();
  /// A read where no scope is, or may be, active.
  virtual void handleRead(ReadFact Fact) = 0;
  /// An invocation that can end with a value still current.
  virtual void handleLeak(LeakFact Fact) = 0;
  /// An ENTER_WITH made while a guard that restores the store is live.
  virtual void handleEnterRestoredByGuard(const CallExpr *EnterWith) = 0;
  /// A suspension while a scope the coroutine opened is active.
  virtual void handleSuspendInScope(SuspendFact Fact) = 0;
};

/// Analyses every function of the translation unit that touches a store,
/// directly or through the functions it calls.
ScopeFacts analyseScopes(ASTContext &Ctx, const ScopeAnalysisOptions &Options);

/// The facts of the translation unit being checked, computed once for every
/// check under the role configuration in force (StrictMode's facts are
/// always included; a check that does not want them skips them). Per thread:
/// clangd checks files on several threads at once.
const ScopeFacts &sharedScopeFacts(ASTContext &Ctx);

/// Forgets the shared facts (and the remembered roles); every check calls
/// this when a translation unit starts, so no fact outlives its translation
/// unit.
void forgetSharedScopeFacts();

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPEANALYSIS_H

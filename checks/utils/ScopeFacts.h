//===--- ScopeFacts.h - asyncctx-tidy -------------------------------------===//
//
// What the analysis of a translation unit finds, as complete records: each
// fact carries everything a check needs to word it (the places, the store,
// the function, where the missing scope came from), so that no check goes
// back to the AST or to the analysis to find out more. The checks turn facts
// into warnings, notes and fix-its, and do nothing else.
//
// A template's facts are found once per instantiation; the analysis keeps
// one fact per place (utils/ScopeAnalysis), so a check reports each once.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_SCOPEFACTS_H
#define ASYNCCTX_TIDY_UTILS_SCOPEFACTS_H

#include "Summaries.h"

#include <vector>

namespace clang {
class CXXMethodDecl;
class CXXRecordDecl;
class Expr;
class Stmt;
class ValueDecl;

namespace tidy::asyncctx {

/// A read where no scope is, or may be, active.
struct ReadFact {
  enum class Kind : uint8_t {
    NoScope,           ///< no scope on any path to it
    NoScopeOnSomePath, ///< no scope on some path to it
    UnknownCallers,    ///< StrictMode: its function's callers are not known
  };
  Kind K = Kind::NoScope;
  /// From where it is reported (the read, or the call that leads to it) down
  /// to the READ call.
  ReadPath Path;
  /// Where the missing scope comes from; for UnknownCallers, the function
  /// whose callers are unknown (Decl) and its name (Loc).
  NoScopeSource Origin;
  /// For a read in a lambda written at the call that runs it: that call, the
  /// function it calls (`run`, `std::thread`), and whether it binds rather
  /// than runs the lambda.
  SourceLocation StartLoc;
  const NamedDecl *StartedBy = nullptr;
  bool StartedByBind = false;
  /// A callable handed to a thread or spawn where the store's scope may be
  /// active: wrapping it in the store's BIND would carry the scope over.
  const Expr *Bindable = nullptr;
};

/// An ENTER_WITH call: a value made current with no scope.
struct EnterWithFact {
  /// The call; null for an ENTER_WITH in another file (Elsewhere), which
  /// only a LeakFact carries.
  const CallExpr *Call = nullptr;
  const ExternalCall *Elsewhere = nullptr;
  /// The ENTER_WITH function it calls.
  const FunctionDecl *Callee = nullptr;
  StoreRef Store;
  /// The function or lambda whose body makes the call; null in the
  /// initializer of a variable of static storage.
  const FunctionDecl *Function = nullptr;
  /// How every run of Function begins (None for an ordinary function, and
  /// for an entry point that is also called directly).
  EntryKind Entry = EntryKind::None;
  /// The RUN member of the store's class, the scoped alternative; null for a
  /// configured store.
  const CXXMethodDecl *RunMember = nullptr;
  /// The variable of static storage whose initializer makes the call.
  const VarDecl *StaticInit = nullptr;
  /// What ends the value within the same function, on some path after it:
  /// nothing, a DISABLE (also a manual restore, or a callee or scope-exit
  /// lambda that clears the store), or a live guard that restores what was
  /// current before it.
  enum class Closing : uint8_t { None, ByDisable, ByRestoringGuard };
  Closing Closed = Closing::None;
  /// Found in a template never instantiated (no flow analysis there: Closed
  /// then comes from the order of the calls in the source).
  bool InPattern = false;
  /// It installs a context that another object carries (utils/DeferredWork:
  /// `setContext(std::move(task.ctx))`): the running side of propagation,
  /// whose isolation is a matter of the code that runs the work (rule 3).
  bool Installs = false;
};

/// An invocation that can end with a value still current: after ENTER_WITH
/// (here, or in a function it calls) some path leaves it without DISABLE.
struct LeakFact {
  EnterWithFact Entered;
  const FunctionDecl *Invocation = nullptr;
  SourceLocation ViaLoc; ///< the call in the invocation that led to it, if any
  /// Where the invocation can end with the value still current: each return,
  /// throw, call that may throw, or the end of its body, in source order.
  llvm::SmallVector<SourceLocation, 2> EndLocs;
};

/// A coroutine suspends (co_await, co_yield) while a scope it opened in its
/// own body is active: the value stays on this thread while it waits, and is
/// missing where it resumes.
struct SuspendFact {
  const Stmt *Suspend = nullptr; ///< the co_await or co_yield
  SourceLocation KeywordLoc;
  bool IsYield = false;
  const FunctionDecl *Coroutine = nullptr;
  StoreRef Store;
  SourceLocation OpenedAt;             ///< the ENTER_WITH, or the guard's variable
  const NamedDecl *OpenedBy = nullptr; ///< the ENTER_WITH function, or the guard variable
  bool OpenedByGuard = false;
};

/// A value read from a store kept in a variable of namespace, static or
/// thread storage, or a static data member.
struct KeptValueFact {
  SourceLocation Loc;               ///< the assignment, or the variable initialized
  const NamedDecl *Target = nullptr;
  const CallExpr *Read = nullptr;   ///< the READ (or SNAPSHOT) whose value it keeps
  /// A READ in another file, whose value a function of that file returns
  /// (Read is then null).
  const ExternalRead *ReadElsewhere = nullptr;
  StoreRef Store;
};

/// A scope guard that outlives the invocation that made it.
struct KeptGuardFact {
  enum class Kind : uint8_t {
    StaticVariable, ///< a guard variable of static storage: it never ends
    ThreadVariable, ///< a guard variable of thread storage: it never ends
    New,            ///< made with `new`: it ends when deleted
    Member,         ///< kept in a data member: it ends with its object
    StaticAssigned, ///< kept in a variable of static storage: it never ends
    Released,       ///< let go without being destroyed (`token.release()`): it never ends
  };
  Kind K = Kind::StaticVariable;
  SourceLocation Loc;
  /// The variable or member (not for New; for Released, the local variable
  /// that held it).
  const NamedDecl *Target = nullptr;
  /// The function or class that made it (Member, StaticAssigned).
  const NamedDecl *Maker = nullptr;
  StoreRef Store;
};

/// A guard made and dropped in one statement: its scope covers nothing.
struct DiscardedGuardFact {
  SourceLocation Loc;
  const NamedDecl *Maker = nullptr; ///< the guard class, or the function that returned it
  bool MadeByCall = false;
  StoreRef Store;
};

/// A null test of a READ that never returns null (RoleTrait NeverNull): of
/// the call itself, or of a local variable it initialised.
struct NeverNullTestFact {
  SourceLocation Loc; ///< the test: the call, or the variable's use
  const FunctionDecl *Read = nullptr;
  SourceLocation ReadLoc;
  const VarDecl *Var = nullptr;
};

// Deferred work (spec, "Deferred work and the code it runs"): the facts of
// its four rules.

/// Rule 1: a callable kept for later (put into a long-lived object, or given
/// to a function that keeps it) reads a store, and is handed on where a scope
/// of that store may be active: it runs later with whatever value its runner
/// has, another request's or none.
struct LostContextFact {
  const Expr *Arg = nullptr;            ///< the callable as handed on
  const FunctionDecl *Callable = nullptr;
  bool Inline = false;                  ///< a lambda written at the call
  SourceLocation At;                    ///< the call that keeps it
  const NamedDecl *By = nullptr;        ///< what that call calls
  const ValueDecl *KeptIn = nullptr;    ///< the member or variable it is put into
  const FunctionDecl *KeptBy = nullptr; ///< or the function that keeps it
  StoreRef Store;
  /// From the callable's first call (or its read) down to the read.
  ReadPath Path;
  /// A scope of the store is active at the hand-off on every path (else it
  /// may be, as the caller has it).
  bool ScopeActive = false;
  /// Wrapping the callable in the store's BIND carries the scope along.
  const Expr *Bindable = nullptr;
};

/// Rule 2: an executor does not carry the context with the work it is given.
struct UncarriedWorkFact {
  enum class Kind : uint8_t {
    Stored,     ///< a member keeps a callable it was given with no snapshot
    RunOutside, ///< an item's work runs outside the context it carries
  };
  Kind K = Kind::Stored;
  /// Stored: the callable as kept; RunOutside: the call that runs the work.
  SourceLocation Loc;
  const FunctionDecl *Function = nullptr; ///< the function that keeps or runs it
  /// Stored: the parameter kept; RunOutside: what runs (the item's member or
  /// virtual method).
  const NamedDecl *Work = nullptr;
  const ValueDecl *KeptIn = nullptr;           ///< Stored: where it is kept
  const CXXRecordDecl *Executor = nullptr;     ///< Stored: the executor class
  const VarDecl *Item = nullptr;               ///< RunOutside: the item
  StoreRef Store;                              ///< RunOutside: the context it carries
};

/// Rule 3: work taken from a queue runs while a context that was installed
/// with no scope is current, and nothing in the function puts the previous
/// one back: what the work leaves current stays for the next item and the
/// caller.
struct UnisolatedRunFact {
  SourceLocation Loc; ///< the call that runs the work
  const FunctionDecl *Function = nullptr;
  const NamedDecl *Work = nullptr; ///< what runs
  const VarDecl *Item = nullptr;
  StoreRef Store;
  const CallExpr *InstalledBy = nullptr; ///< the ENTER_WITH that installed it
  SourceLocation InstalledVia;           ///< the call that led there, if in a callee
};

/// Rule 4: a snapshot kept in a data member that nothing in the translation
/// unit drops (resets, clears, moves out): the object keeps that request's
/// context alive, and hands it to later work.
struct KeptSnapshotFact {
  SourceLocation Loc;               ///< the assignment
  const ValueDecl *Member = nullptr;
  /// The value is a parameter whose default argument takes the snapshot (a
  /// context taken implicitly), rather than a SNAPSHOT call.
  bool FromDefault = false;
};

/// Rule 4: a call that captures the current context implicitly for a
/// callback object that outlives the request (`this`, or one of its
/// members).
struct ImplicitCaptureFact {
  enum class Kind : uint8_t {
    InScope,          ///< a scope opened in this function is active at the call
    SelfRescheduling, ///< `this` schedules itself again from its own callback
  };
  Kind K = Kind::InScope;
  const CallExpr *Call = nullptr;
  const FunctionDecl *Callee = nullptr;
  const FunctionDecl *Function = nullptr;
  /// InScope: the store, and where its scope was opened.
  StoreRef Store;
  SourceLocation OpenedAt;
  const NamedDecl *OpenedBy = nullptr;
};

struct ScopeFacts {
  std::vector<ReadFact> Reads;
  std::vector<EnterWithFact> EnterWiths;
  std::vector<LeakFact> Leaks;
  std::vector<SuspendFact> Suspends;
  std::vector<KeptValueFact> KeptValues;
  std::vector<KeptGuardFact> KeptGuards;
  std::vector<DiscardedGuardFact> DiscardedGuards;
  std::vector<NeverNullTestFact> NeverNullTests;
  std::vector<LostContextFact> LostContexts;
  std::vector<UncarriedWorkFact> UncarriedWork;
  std::vector<UnisolatedRunFact> UnisolatedRuns;
  std::vector<KeptSnapshotFact> KeptSnapshots;
  std::vector<ImplicitCaptureFact> ImplicitCaptures;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPEFACTS_H

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
class Expr;
class Stmt;

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

struct ScopeFacts {
  std::vector<ReadFact> Reads;
  std::vector<EnterWithFact> EnterWiths;
  std::vector<LeakFact> Leaks;
  std::vector<SuspendFact> Suspends;
  std::vector<KeptValueFact> KeptValues;
  std::vector<KeptGuardFact> KeptGuards;
  std::vector<DiscardedGuardFact> DiscardedGuards;
  std::vector<NeverNullTestFact> NeverNullTests;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPEFACTS_H

//===--- Callables.h - asyncctx-tidy --------------------------------------===//
//
// The one oracle for "where does this callable run?". Code that is handed a
// callable (a RUN or EXIT of a store, a BIND, a thread start, an invocation
// runner) runs it in one of a few ways, and every check asks here which:
//
//   Caller      now, inside the call: RUN makes its store's value current,
//               EXIT clears it, the other stores are as at the call
//   Bound       later, with the store as it was where BIND was called
//   NewThread   on a new thread (std::thread, std::jthread, std::async,
//               pthread_create): no value is current
//   Invocation  as a fresh invocation (an invocation runner, such as
//               aws::lambda_runtime::run_handler): no value is current, and
//               none may be left behind
//   InPlace     now, inside the call, with the stores as at the call (a
//               RUNS_IN_PLACE function: the standard algorithms,
//               std::call_once, std::invoke, std::apply, std::visit)
//   Carried     later, with the context current at the call: given to a
//               member of an executor (ASYNCCTX_EXECUTOR) or to a
//               CAPTURES_CONTEXT function
//   Kept        later, in whatever context runs it: put into a long-lived
//               object (a data member, a container member, a global), or
//               given to a function that keeps it (utils/DeferredWork)
//
// A callable is one function to the oracle however it is spelled: a lambda
// written at the call, a variable initialised with a lambda (also through
// std::function or a copy), a function, or a pointer to one. A generic
// lambda is each of its instantiations.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_CALLABLES_H
#define ASYNCCTX_TIDY_UTILS_CALLABLES_H

#include "Roles.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang {
class CoawaitExpr;
class Expr;
class FunctionDecl;
class ValueDecl;
class VarDecl;

namespace tidy::asyncctx {

enum class RunsIn { Caller, Bound, NewThread, Invocation, InPlace, Carried, Kept };

/// What a coroutine callable does to the scope of a RUN or BIND that calls
/// it: the scope ends when the call returns, which for a coroutine is its
/// first suspension.
enum class CoroutineKind {
  None,           ///< not a coroutine
  Eager,          ///< `initial_suspend()` is std::suspend_never: in scope up to
                  ///< its first co_await or co_yield
  Lazy,           ///< any other initial suspension: the body runs after the
                  ///< call returned, outside the scope
  CarriesContext, ///< its task type restores the value at every resumption
};

/// One callable handed on by a call or construction.
struct Handoff {
  const Expr *Arg = nullptr;                ///< the argument as written
  const FunctionDecl *Callable = nullptr;   ///< the function it names (canonical)
  RunsIn Where = RunsIn::Caller;
  /// RUN, EXIT or BIND, with the store it names; none for a thread or runner.
  std::optional<Role> By;
  StoreRef Store;
  /// A lambda written at the call: its reads are reported where they are.
  bool Inline = false;
  CoroutineKind Coroutine = CoroutineKind::None;
  /// Kept: the data member or variable it is put into, or the function of
  /// the translation unit that keeps it.
  const ValueDecl *KeptIn = nullptr;
  const FunctionDecl *KeptBy = nullptr;
};

/// How the coroutine \p FD (a function or a lambda's call operator), if it
/// is one, treats the scope of whoever calls it.
CoroutineKind coroutineKind(const RoleLayer &Roles, const FunctionDecl *FD);

/// Whether \p FD is a coroutine whose task type carries the context
/// (ASYNCCTX_CARRIES_CONTEXT, asyncctx.ContextCarryingTasks).
bool carriesContext(const RoleLayer &Roles, const FunctionDecl *FD);

/// Whether the awaitable that \p Await waits on carries the context: its
/// class, as written or as the promise's await_transform made it, restores
/// every store's value when the coroutine resumes (ASYNCCTX_CARRIES_CONTEXT,
/// asyncctx.ContextCarryingTasks: folly's co_viaIfAsync). Holding a scope
/// across that suspension is then correct, as in a task that carries it.
bool carriesContext(const RoleLayer &Roles, const CoawaitExpr *Await);

/// The function that a callable expression names, if one does (for a
/// generic lambda, its call operator template's pattern).
const FunctionDecl *callableFunction(const Expr *E);

/// The function a call without a direct callee reaches through a local
/// variable that holds one known callable (`void (*hook)() = &audit;
/// hook();`, a local `std::function` called), unless \p Reassigned says the
/// variable is assigned after its initialisation.
const FunctionDecl *calledThrough(const CallExpr *Call,
                                  const llvm::function_ref<bool(const VarDecl *)> Reassigned);

/// Whether \p Callee calls its callable arguments before it returns
/// (RUNS_IN_PLACE, or one of the standard library's that do).
bool runsInPlace(const RoleLayer &Roles, const FunctionDecl *Callee);

/// Whether \p E, a callable argument, is a lambda written right there.
bool isInlineLambda(const Expr *E);

/// Whether \p E starts a new thread: a construction of std::thread or
/// std::jthread, or a call of std::async or pthread_create.
bool startsThread(const Expr *E);

/// Whether \p E runs its callable arguments elsewhere, with no value
/// current: it starts a thread, or calls a SPAWN function.
bool spawns(const RoleLayer &Roles, const Expr *E);

/// The callables that \p CallOrConstruct (a CallExpr or CXXConstructExpr)
/// hands on, and where each runs. Empty for an ordinary call.
llvm::SmallVector<Handoff, 1> handoffsOf(const RoleLayer &Roles, const Expr *CallOrConstruct);

/// The lambda that runs when the local variable \p VD is destroyed, if its
/// initializer writes one into an RAII object: `SCOPE_EXIT { ... }`,
/// `auto g = folly::makeGuard([&] { ... })`, any class with a user-provided
/// destructor that is given a lambda written there. Not a callable wrapper
/// (a class with `operator()`, anything in `std`), which keeps a callable
/// without calling it when it goes.
const FunctionDecl *runsAtDestruction(const RoleLayer &Roles, const VarDecl *VD);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_CALLABLES_H

//===--- DeferredWork.h - asyncctx-tidy -----------------------------------===//
//
// What code that defers work looks like, for the four rules of the spec's
// "Deferred work and the code it runs": where a callable is kept for later,
// whether what is kept carries a snapshot of the context, which variables
// hold an item of work taken from a queue, which calls run an item's work,
// and what a call that captures the context implicitly schedules. AST facts
// only: utils/Callables asks here where a callable is kept (rule 1),
// utils/PlaceFinder which executor code keeps work without a snapshot
// (rule 2) and which members keep snapshots (rule 4), utils/FunctionSteps
// which calls run work (rules 2 and 3) or capture the context (rule 4).
//
// Terms:
//   long-lived object  a data member of `this` (or a member of one), or a
//                      variable of static or thread storage: it outlives the
//                      call that puts something into it
//   kept               a callable put into a long-lived object: given to a
//                      standard container's member, to a member that takes it
//                      by value or by rvalue reference (not a forwarding
//                      reference, which a run-in-place helper such as
//                      `withWLock(F&&)` takes), or assigned to it; or given to
//                      a function of the translation unit that keeps that
//                      parameter (RoleLayer::keptParameters)
//   snapshot           what a SNAPSHOT or BIND call returns; an expression
//                      carries one when it contains such a call (also in a
//                      lambda's init-capture, a default argument, or the
//                      constructor of a class it makes)
//   item               a local variable that holds work taken from a
//                      long-lived queue (initialised from it, a range-for
//                      over it, filled by one of its members, swapped with it)
//   install            an ENTER_WITH given a context that another object
//                      carries (`setContext(std::move(task.ctx))`): the
//                      running side of propagation, not a new value
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_DEFERREDWORK_H
#define ASYNCCTX_TIDY_UTILS_DEFERREDWORK_H

#include "Roles.h"

#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang {
class CallExpr;
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class ParmVarDecl;
class Stmt;
class ValueDecl;
class VarDecl;

namespace tidy::asyncctx {

/// Whether a value of type \p T is a callable: a class with a call operator
/// (a lambda, `std::function`, `folly::Function`), a pointer to a function,
/// or a template's type parameter.
bool isCallableType(QualType T);

/// The executor class (Role::Executor) that \p RD is or derives from.
const CXXRecordDecl *executorClass(const RoleLayer &Roles, const CXXRecordDecl *RD);

/// The long-lived object that \p E denotes or is part of: the data member of
/// `this` it goes through, or the variable of static or thread storage.
const ValueDecl *longLivedRoot(const Expr *E);

/// A call that keeps some of its arguments in a long-lived object.
struct KeepingCall {
  const ValueDecl *Target = nullptr; ///< the member or variable kept in
  unsigned Args = 0;                 ///< bit I: argument I is kept
};

/// What \p E (a call) keeps, if it keeps anything: a call of a member of a
/// long-lived object that is no executor and plays no role, or an assignment
/// (`operator=`) of a callable to one.
std::optional<KeepingCall> keepingCall(const RoleLayer &Roles, const Expr *E);

/// Whether \p E carries a snapshot of the context (a SNAPSHOT or BIND call in
/// it, in a lambda's init-captures, a default argument, a local variable it
/// names, or the member initializers of a class it constructs).
bool carriesSnapshot(const RoleLayer &Roles, const Expr *E);

/// The parameter of \p Function of a callable type that \p E refers to
/// (through moves, forwards, copies, wrappers and init-captures), if any.
const ParmVarDecl *callableParameter(const Expr *E, const FunctionDecl *Function);

/// Whether the ENTER_WITH call \p Call installs a context that an item of
/// work carries: its value (the last argument) is a data member of an object
/// other than `this`, and that member is a saved context (a store object or a
/// pointer to one: folly's `fiber->rcontext_`) or the object holds work (a
/// callable member: `task.claims` beside `task.fn`). A value that a request
/// holds (`enter_with(req.claims)`) is no carried context.
bool installsCarriedContext(const RoleLayer &Roles, const CallExpr *Call);

/// The context-carrying field that \p Value (an ENTER_WITH's or a guard's
/// value) reads from an item, and the variable at its root.
std::pair<const ValueDecl *, const VarDecl *> carriedContext(const Expr *Value);

/// A call that runs an item's work.
struct WorkRun {
  /// The variable that holds the item.
  const VarDecl *Item = nullptr;
  /// What is run: the item's callable member, or its virtual method.
  const NamedDecl *What = nullptr;
  /// The item was taken from a long-lived queue in this function.
  bool FromQueue = false;
};

/// The items of one function body and the calls that run their work.
class WorkItems {
public:
  explicit WorkItems(const FunctionDecl *Function);

  /// Whether \p Call runs the work of a variable: a call of a callable that
  /// is the variable or one of its members, or of a virtual method on it.
  /// FromQueue says whether the variable holds an item taken from a queue.
  std::optional<WorkRun> runOf(const CallExpr *Call) const;

private:
  bool fromQueue(const VarDecl *VD, unsigned Depth = 0) const;
  /// Locals filled by a member of a long-lived object or swapped with one.
  llvm::DenseSet<const VarDecl *> Filled;
};

/// A call that schedules a callback object and keeps the context current at
/// the call with it implicitly (Role::CapturesContext).
struct ImplicitCapture {
  /// The callback object (an argument, or the object the call is made on).
  const Expr *Callback = nullptr;
  /// The callback object is `this` (else a data member of `this`).
  bool Self = false;
  /// The callback's class as the call sees it (the parameter's, or the
  /// class of the member called): its virtual methods are the callback.
  const CXXRecordDecl *CallbackClass = nullptr;
};

/// For a call of a CAPTURES_CONTEXT function that takes the current context
/// (no explicit context given for a parameter whose default is a snapshot)
/// for a callback object that is `this` or a data member of `this`.
std::optional<ImplicitCapture> implicitCapture(const RoleLayer &Roles, const CallExpr *Call);

/// Whether \p E is a snapshot to keep: a SNAPSHOT call (through moves and
/// copies), a local variable initialised with one, or a parameter whose
/// default argument is one (a context taken implicitly).
bool isSnapshotValue(const RoleLayer &Roles, const Expr *E);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_DEFERREDWORK_H

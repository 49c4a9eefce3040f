//===--- WorkItems.cpp - asyncctx-tidy ------------------------------------===//
//
// The running side of deferred work (utils/DeferredWork.h): which local
// variables hold an item taken from a queue, which calls run an item's work,
// and which calls capture the context implicitly for a callback object that
// outlives them.
//
//===----------------------------------------------------------------------===//

#include "DeferredWork.h"
#include "Compat.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::asyncctx {

/// The variable at the root of \p E: through members, dereferences, `->`,
/// `std::exchange(x, ...)`, `std::move(x)`.
static const VarDecl *rootVariable(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 10; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(DRE->getDecl());
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      E = ME->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() >= 1 &&
        (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star)) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() >= 1) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->isInStdNamespace() && Callee->getDeclName().isIdentifier() &&
          (Callee->getName() == "exchange" || Callee->getName() == "move")) {
        E = Call->getArg(0);
        continue;
      }
    }
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// The object a member call, or a call of a member of the result, is made
/// on: `queue_` of `queue_.front()`, of `queue_.dequeue()`.
static const Expr *calledOn(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return Member->getImplicitObjectArgument();
  return nullptr;
}

namespace {
/// Finds the locals that a member of a long-lived object fills (an argument
/// by non-const reference: `queue_.tryConsume(func)`) or that are swapped
/// with one (`queue_.swap(funcs)`, `std::swap(funcs, queue_)`).
class FilledLocals : public RecursiveASTVisitor<FilledLocals> {
public:
  explicit FilledLocals(llvm::DenseSet<const VarDecl *> &Out) : Out(Out) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    const Expr *Object = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Object = Member->getImplicitObjectArgument();
    else if (Callee->isInStdNamespace() && Callee->getDeclName().isIdentifier() &&
             Callee->getName() == "swap" && Args.size() == 2) {
      if (longLivedRoot(Args[0]))
        fill(Args[1]);
      else if (longLivedRoot(Args[1]))
        fill(Args[0]);
      return true;
    }
    if (!Object)
      return true;
    if (longLivedRoot(Object)) {
      for (unsigned I = 0; I < Args.size() && I < Callee->getNumParams(); ++I) {
        QualType T = Callee->getParamDecl(I)->getType();
        if (T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified())
          fill(Args[I]);
      }
    } else if (Callee->getDeclName().isIdentifier() && Callee->getName() == "swap" &&
               Args.size() == 1 && longLivedRoot(Args[0])) {
      fill(Object);
    }
    return true;
  }

private:
  void fill(const Expr *E) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && VD->hasLocalStorage())
        Out.insert(VD);
  }
  llvm::DenseSet<const VarDecl *> &Out;
};
} // namespace

WorkItems::WorkItems(const FunctionDecl *Function) {
  if (Function && Function->getBody())
    FilledLocals(Filled).TraverseStmt(Function->getBody());
}

bool WorkItems::fromQueue(const VarDecl *VD, unsigned Depth) const {
  if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || Depth > 3)
    return false;
  if (Filled.count(VD))
    return true;
  const Expr *Init = VD->getInit();
  if (!Init)
    return false;
  // Through what initialises it: `std::move(queue_.front())`,
  // `queue_.dequeue()`, and a range-for's `*__begin` of `__range`.
  for (const Expr *E = Init; E;) {
    E = E->IgnoreParenImpCasts();
    if (longLivedRoot(E))
      return true;
    if (const VarDecl *Other = rootVariable(E); Other && Other != VD)
      return fromQueue(Other, Depth + 1);
    if (const Expr *Object = calledOn(E)) {
      E = Object;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1) {
      E = Call->getArg(0); // std::move(queue_.front())
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E); Construct && Construct->getNumArgs() >= 1) {
      E = Construct->getArg(0);
      continue;
    }
    return false;
  }
  return false;
}

/// The variable \p E names, or dereferences (`cb`, `*cb`, `cb->`).
static const VarDecl *namedVariable(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() == 1 &&
      (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow))
    E = Op->getArg(0)->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// The callable an item's work is: the item (`f()`), one of its members
/// (`task.func()`), or either through `std::exchange(x, {})` or `std::move`.
static std::pair<const VarDecl *, const NamedDecl *> calledItem(const Expr *Object) {
  Object = Object->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(Object); Call && Call->getNumArgs() >= 1)
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->isInStdNamespace() && Callee->getDeclName().isIdentifier() &&
        (Callee->getName() == "exchange" || Callee->getName() == "move"))
      Object = Call->getArg(0)->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(Object))
    if (const VarDecl *Item = namedVariable(ME->getBase()))
      return {Item, ME->getMemberDecl()};
  const VarDecl *Item = namedVariable(Object);
  return {Item, Item};
}

std::optional<WorkRun> WorkItems::runOf(const CallExpr *Call) const {
  const VarDecl *Item = nullptr;
  const NamedDecl *What = nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (Op->getOperator() != OO_Call || Op->getNumArgs() < 1)
      return std::nullopt;
    std::tie(Item, What) = calledItem(Op->getArg(0));
  } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    // A virtual method of the item itself (`callback->run()`), not of an
    // object it holds.
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || !Method->isVirtual() || Method->getParent()->isInStdNamespace())
      return std::nullopt;
    Item = namedVariable(Member->getImplicitObjectArgument());
    What = Method;
  }
  if (!Item || Item->hasGlobalStorage())
    return std::nullopt;
  return WorkRun{Item, What, fromQueue(Item)};
}

/// The callback object that a CAPTURES_CONTEXT call schedules: an argument
/// that points to (or refers to) an object of a polymorphic class, else the
/// object the call is made on.
static const Expr *scheduledCallback(const CallExpr *Call) {
  // A callable is scheduled, not an object: it goes when it has run.
  if (llvm::any_of(Call->arguments(),
                   [](const Expr *Arg) { return isCallableType(Arg->getType()); }))
    return nullptr;
  for (const Expr *Arg : Call->arguments()) {
    QualType T = Arg->getType();
    if (T->isPointerType())
      T = T->getPointeeType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (RD && RD->hasDefinition() && RD->isPolymorphic() && !isCallableType(T))
      return Arg;
  }
  // A callback object made on, as `AsyncTimeout::scheduleTimeout` is: one of
  // a polymorphic class (a callback interface), not a future or a queue.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const CXXRecordDecl *RD = Member->getMethodDecl()->getParent();
        RD->hasDefinition() && RD->isPolymorphic())
      return Member->getImplicitObjectArgument();
  return nullptr;
}

/// Whether \p Call takes the current context implicitly: it gives no
/// explicit context for a parameter whose default argument is a snapshot
/// (or the function has none, and always takes it).
static bool takesContextImplicitly(const RoleLayer &Roles, const CallExpr *Call,
                                   const FunctionDecl *Callee) {
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    const ParmVarDecl *Param = Callee->getParamDecl(I);
    if (!Param->hasDefaultArg() || Param->hasUninstantiatedDefaultArg() ||
        !carriesSnapshot(Roles, Param->getDefaultArg()))
      continue;
    return I >= Call->getNumArgs() || isa<CXXDefaultArgExpr>(Call->getArg(I));
  }
  return true;
}

std::optional<ImplicitCapture> implicitCapture(const RoleLayer &Roles, const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Roles.roleOf(Callee) != Role::CapturesContext ||
      !takesContextImplicitly(Roles, Call, Callee))
    return std::nullopt;
  const Expr *Callback = scheduledCallback(Call);
  if (!Callback)
    return std::nullopt;
  // The class the call sees it as: a parameter's (`Callback *`), or the
  // class whose member is called (`AsyncTimeout::scheduleTimeout`).
  QualType Seen = Callback->getType();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      Member && Callback == Member->getImplicitObjectArgument())
    Seen = compat::tagType(Member->getMethodDecl()->getParent());
  else if (const FunctionDecl *Callee = Call->getDirectCallee())
    for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams(); ++I)
      if (Call->getArg(I) == Callback)
        Seen = Callee->getParamDecl(I)->getType();
  if (Seen->isPointerType() || Seen->isReferenceType())
    Seen = Seen->getPointeeType();
  const CXXRecordDecl *CallbackClass = Seen->getAsCXXRecordDecl();
  const Expr *Object = Callback->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Object); UO && UO->getOpcode() == UO_AddrOf)
    Object = UO->getSubExpr()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Object))
    return ImplicitCapture{Callback, true, CallbackClass};
  const auto *ME = dyn_cast<MemberExpr>(Object);
  if (ME && isa<FieldDecl>(ME->getMemberDecl()) &&
      isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return ImplicitCapture{Callback, false, CallbackClass};
  return std::nullopt;
}

} // namespace clang::tidy::asyncctx

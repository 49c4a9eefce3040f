//===--- Callables.cpp - asyncctx-tidy ------------------------------------===//

#include "Callables.h"
#include "DeferredWork.h"
#include "RoleConfig.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncctx {

/// One step from a callable expression towards what it is made from: through
/// temporaries and conversions, a copy or a wrapper made from one callable
/// (std::function), `&f`, and a captureless lambda's conversion to a
/// function pointer.
static const Expr *unwrapCallable(const Expr *E) {
  E = E->IgnoreUnlessSpelledInSource()->IgnoreParenImpCasts();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 1 ? Construct->getArg(0) : nullptr;
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    return Cast->getSubExpr();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    return UO->getSubExpr();
  if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl()))
      return Conversion->getImplicitObjectArgument();
  return nullptr;
}

const FunctionDecl *callableFunction(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreUnlessSpelledInSource()->IgnoreParenImpCasts();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda->getCallOperator()->getCanonicalDecl();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
        return FD->getCanonicalDecl();
      // A named lambda, std::function or function reference stands for what
      // initialised it.
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      E = VD ? VD->getInit() : nullptr;
      continue;
    }
    E = unwrapCallable(E);
  }
  return nullptr;
}

bool isInlineLambda(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreUnlessSpelledInSource()->IgnoreParenImpCasts();
    if (isa<LambdaExpr>(E))
      return true;
    if (isa<DeclRefExpr>(E))
      return false;
    E = unwrapCallable(E);
  }
  return false;
}

static bool isStd(const NamedDecl *D, llvm::StringRef Name) {
  return D && D->isInStdNamespace() && D->getDeclName().isIdentifier() && D->getName() == Name;
}

/// The standard library's functions that call their callable arguments
/// before they return (<algorithm>, <numeric>, <mutex>, <functional>,
/// <tuple>, <variant>).
static constexpr llvm::StringLiteral StdInPlace[] = {
    "accumulate", "adjacent_find", "all_of", "any_of", "apply", "binary_search",
    "call_once", "copy_if", "count_if", "equal", "equal_range", "exclusive_scan",
    "find_first_of", "find_if", "find_if_not", "for_each", "for_each_n", "generate",
    "generate_n", "inclusive_scan", "inner_product", "invoke", "invoke_r", "is_partitioned",
    "is_sorted", "is_sorted_until", "lexicographical_compare", "lower_bound", "max_element",
    "merge", "min_element", "minmax_element", "mismatch", "none_of", "nth_element",
    "partial_sort", "partition", "partition_point", "reduce", "remove_copy_if", "remove_if",
    "replace_copy_if", "replace_if", "search", "sort", "stable_partition", "stable_sort",
    "transform", "transform_exclusive_scan", "transform_inclusive_scan", "transform_reduce",
    "unique", "upper_bound", "visit",
};

bool runsInPlace(const RoleLayer &Roles, const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  if (Roles.roleOf(Callee) == Role::RunsInPlace)
    return true;
  if (!Callee->isInStdNamespace() || !Callee->getDeclName().isIdentifier() ||
      !llvm::is_contained(StdInPlace, Callee->getName()))
    return false;
  // std's own, not std::ranges' or a member's.
  const DeclContext *DC = Callee->getDeclContext();
  while (DC->isInlineNamespace())
    DC = DC->getParent();
  return DC->isStdNamespace();
}

const FunctionDecl *calledThrough(const CallExpr *Call,
                                  const llvm::function_ref<bool(const VarDecl *)> Reassigned) {
  // `hook()` through a function pointer, or `f()` on a std::function.
  const Expr *Through = Call->getCallee()->IgnoreParenImpCasts();
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  const auto *Method = Op ? dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee()) : nullptr;
  if (Method && Op->getOperator() == OO_Call && Method->getParent()->isInStdNamespace())
    Through = Op->getArg(0)->IgnoreParenImpCasts();
  else if (Call->getDirectCallee())
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(Through);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || !VD->getInit() || Reassigned(VD))
    return nullptr;
  const FunctionDecl *Target = callableFunction(VD->getInit());
  return Target && !Target->isDependentContext() ? Target : nullptr;
}

bool startsThread(const Expr *E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    const CXXRecordDecl *Class = Construct->getConstructor()->getParent();
    return isStd(Class, "thread") || isStd(Class, "jthread");
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isStd(Callee, "async"))
      return true;
    return Callee && Callee->getDeclName().isIdentifier() && Callee->getName() == "pthread_create" &&
           Callee->getDeclContext()->getRedeclContext()->isTranslationUnit();
  }
  return false;
}

bool spawns(const RoleLayer &Roles, const Expr *E) {
  if (startsThread(E))
    return true;
  const auto *Call = dyn_cast<CallExpr>(E);
  return Call && Roles.roleOf(Call->getDirectCallee()) == Role::Spawn;
}

/// Whether \p T is a class that carries the context (CARRIES_CONTEXT): a
/// task type, or an awaitable.
static bool isContextCarrier(const RoleLayer &Roles, QualType T) {
  const CXXRecordDecl *Class = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return Class && Roles.roleOf(Class) == Role::CarriesContext;
}

bool carriesContext(const RoleLayer &Roles, const FunctionDecl *FD) {
  return FD && isContextCarrier(Roles, FD->getReturnType());
}

bool carriesContext(const RoleLayer &Roles, const CoawaitExpr *Await) {
  auto Carries = [&](const Expr *E) { return E && isContextCarrier(Roles, E->getType()); };
  return Carries(Await->getOperand()) || Carries(Await->getCommonExpr());
}

CoroutineKind coroutineKind(const RoleLayer &Roles, const FunctionDecl *FD) {
  const FunctionDecl *Definition = FD ? FD->getDefinition() : nullptr;
  const auto *Body = Definition ? dyn_cast_or_null<CoroutineBodyStmt>(Definition->getBody()) : nullptr;
  if (!Body)
    return CoroutineKind::None;
  if (carriesContext(Roles, Definition))
    return CoroutineKind::CarriesContext;
  const auto *Initial = dyn_cast_or_null<CoawaitExpr>(
      dyn_cast_or_null<Expr>(Body->getInitSuspendStmt())
          ? cast<Expr>(Body->getInitSuspendStmt())->IgnoreImplicit()
          : nullptr);
  const CXXRecordDecl *Awaiter =
      Initial ? Initial->getOperand()->getType()->getAsCXXRecordDecl() : nullptr;
  return isStd(Awaiter, "suspend_never") ? CoroutineKind::Eager : CoroutineKind::Lazy;
}

/// The argument of a RUN, EXIT or BIND call that is the callable it runs.
static const Expr *callableArgument(const CallExpr *Call, Role R) {
  unsigned Index = R == Role::Run ? 1 : 0;
  return Call->getNumArgs() > Index ? Call->getArg(Index) : nullptr;
}

static void addHandoff(const RoleLayer &Roles, llvm::SmallVectorImpl<Handoff> &Out,
                       const Expr *Arg, RunsIn Where, std::optional<Role> By = std::nullopt,
                       StoreRef Store = {}) {
  if (!Arg)
    return;
  const FunctionDecl *Callable = callableFunction(Arg);
  if (!Callable)
    return;
  // A generic lambda runs as each of its instantiations.
  llvm::SmallVector<const FunctionDecl *, 1> Instances{Callable};
  if (const FunctionTemplateDecl *Template = Callable->getDescribedFunctionTemplate()) {
    Instances.clear();
    for (const FunctionDecl *Spec : Template->specializations())
      Instances.push_back(Spec->getCanonicalDecl());
  }
  for (const FunctionDecl *Instance : Instances)
    Out.push_back(
        {Arg, Instance, Where, By, Store, isInlineLambda(Arg), coroutineKind(Roles, Instance)});
}

/// The callable that a kept argument holds: the argument, or the callable
/// an item made of it holds (`Task{[] {...}, ...}`).
static const Expr *keptCallable(const Expr *Arg, unsigned Depth = 0) {
  if (!Arg || Depth > 3)
    return nullptr;
  if (callableFunction(Arg))
    return Arg;
  const Expr *E = Arg->IgnoreImplicit()->IgnoreParens();
  if (!isa<InitListExpr, CXXConstructExpr, ParenListExpr>(E))
    return nullptr;
  for (const Stmt *Child : E->children())
    if (const Expr *Found = keptCallable(dyn_cast_or_null<Expr>(Child), Depth + 1))
      return Found;
  return nullptr;
}

/// Deferred work (spec, "Deferred work and the code it runs"): a callable
/// given to an executor's member or a CAPTURES_CONTEXT call is carried with
/// the context of the call; one put into a long-lived object, or given to a
/// function that keeps it, runs later in whatever context its runner has.
static void addDeferredHandoffs(const RoleLayer &Roles, const CallExpr *Call,
                                llvm::SmallVectorImpl<Handoff> &Out) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || llvm::none_of(Call->arguments(), [](const Expr *Arg) { return keptCallable(Arg); }))
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (Roles.roleOf(Callee) == Role::CapturesContext ||
      (Method && !isa<CXXOperatorCallExpr>(Call) && executorClass(Roles, Method->getParent()))) {
    for (const Expr *Arg : Call->arguments())
      addHandoff(Roles, Out, Arg, RunsIn::Carried);
    return;
  }
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  const ValueDecl *KeptIn = nullptr;
  unsigned Kept = 0;
  // A function of the user's whose body is here says itself what it keeps;
  // a container of the standard library, or a member defined elsewhere,
  // keeps what it takes by value.
  const FunctionDecl *Definition = nullptr;
  bool BodyHere = Callee->hasBody(Definition) && !Callee->isInStdNamespace() &&
                  !Callee->getASTContext().getSourceManager().isInSystemHeader(
                      Definition->getLocation());
  std::optional<KeepingCall> Keeping = keepingCall(Roles, Call);
  if (Keeping && (!BodyHere || isa<CXXOperatorCallExpr>(Call))) {
    KeptIn = Keeping->Target;
    Kept = Keeping->Args;
  } else if (!isa<CXXOperatorCallExpr>(Call)) {
    Kept = Roles.keptParameters(Callee);
  }
  // Kept with a snapshot beside it (`emplace_back(saveContext(), f)`,
  // `push_back(Task{f, saveContext()})`, `setCallback(f, saveContext())`):
  // carried, for its runner to install.
  RunsIn Where = Kept && carriesSnapshot(Roles, Call) ? RunsIn::Carried : RunsIn::Kept;
  for (unsigned I = 0; I < Args.size() && I < 31; ++I) {
    if (!(Kept & (1u << I)))
      continue;
    size_t Before = Out.size();
    addHandoff(Roles, Out, keptCallable(Args[I]), Where);
    if (Out.size() > Before && Where == RunsIn::Kept) {
      Out.back().KeptIn = KeptIn;
      Out.back().KeptBy = KeptIn ? nullptr : Callee;
    }
  }
}

llvm::SmallVector<Handoff, 1> handoffsOf(const RoleLayer &Roles, const Expr *E) {
  llvm::SmallVector<Handoff, 1> Out;
  // A thread or spawn runs its callables with no value current; a callable
  // that BIND made is no callable here (callableFunction sees a call), and
  // BIND's own handoff evaluates it where it was bound.
  if (spawns(Roles, E)) {
    const auto *Call = dyn_cast<CallExpr>(E);
    auto Args = Call ? llvm::ArrayRef(Call->getArgs(), Call->getNumArgs())
                     : llvm::ArrayRef(cast<CXXConstructExpr>(E)->getArgs(),
                                      cast<CXXConstructExpr>(E)->getNumArgs());
    for (const Expr *Arg : Args)
      addHandoff(Roles, Out, Arg, RunsIn::NewThread);
    return Out;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return Out;
  std::optional<Role> R = Roles.roleOfCall(Call);
  if (R == Role::Run || R == Role::Exit || R == Role::Bind) {
    addHandoff(Roles, Out, callableArgument(Call, *R),
               *R == Role::Bind ? RunsIn::Bound : RunsIn::Caller, R, Roles.storeOfCall(Call));
    return Out;
  }
  if (hasQualifiedName(Call->getDirectCallee(), Roles.config().invocationRunners())) {
    for (const Expr *Arg : Call->arguments())
      addHandoff(Roles, Out, Arg, RunsIn::Invocation);
    return Out;
  }
  if (runsInPlace(Roles, Call->getDirectCallee())) {
    for (const Expr *Arg : Call->arguments())
      addHandoff(Roles, Out, Arg, RunsIn::InPlace);
    return Out;
  }
  addDeferredHandoffs(Roles, Call, Out);
  return Out;
}

/// Whether an object of class \p RD runs, when destroyed, a callable it was
/// given: it has a user-provided destructor, is no callable wrapper itself
/// (no `operator()`) and is not the standard library's.
static bool mayRunCallableAtEnd(const RoleLayer &Roles, const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace() || RD->isLambda())
    return false;
  RD = RD->getDefinition();
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (!Dtor || !Dtor->isUserProvided())
    return false;
  if (Roles.roleOf(RD) == Role::ScopeGuard)
    return false;
  for (const CXXMethodDecl *Method : RD->methods())
    if (Method->getOverloadedOperator() == OO_Call)
      return false;
  // A guard class template (folly::detail::ScopeGuardImpl<F, ...>) keeps its
  // callable in a base; a call operator there makes it a wrapper too.
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
      if (BaseClass->hasDefinition())
        for (const CXXMethodDecl *Method : BaseClass->getDefinition()->methods())
          if (Method->getOverloadedOperator() == OO_Call)
            return false;
  return true;
}

/// The lambda written in \p E, an initializer, as an argument of the calls,
/// constructions and operators it is made of (`ScopeGuardOnExit() + [&] {}`,
/// `makeGuard([&] {})`, `Guard([&] {})`).
static const LambdaExpr *lambdaWrittenIn(const Expr *E, unsigned Depth = 0) {
  if (!E || Depth > 6)
    return nullptr;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return Lambda;
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    return lambdaWrittenIn(Cast->getSubExpr(), Depth + 1);
  else if (const auto *List = dyn_cast<InitListExpr>(E))
    Args = llvm::ArrayRef(List->getInits(), List->getNumInits());
  for (const Expr *Arg : Args)
    if (const LambdaExpr *Lambda = lambdaWrittenIn(Arg, Depth + 1))
      return Lambda;
  return nullptr;
}

const FunctionDecl *runsAtDestruction(const RoleLayer &Roles, const VarDecl *VD) {
  if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || !VD->getInit() ||
      VD->getType()->isReferenceType() ||
      !mayRunCallableAtEnd(Roles, VD->getType()->getAsCXXRecordDecl()))
    return nullptr;
  if (const LambdaExpr *Lambda = lambdaWrittenIn(VD->getInit()))
    return Lambda->getCallOperator()->getCanonicalDecl();
  return nullptr;
}

} // namespace clang::tidy::asyncctx

//===--- DeferredWork.cpp - asyncctx-tidy ---------------------------------===//

#include "DeferredWork.h"
#include "RoleConfig.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncctx {

static bool isStdFunction(const FunctionDecl *FD, llvm::StringRef Name) {
  return FD && FD->isInStdNamespace() && FD->getDeclName().isIdentifier() && FD->getName() == Name;
}

/// \p E without what does not change which object it is: parentheses,
/// implicit nodes, `std::move`, `std::forward`, copies and moves.
/// `std::move(x)` or `std::forward<T>(x)`, also in a template where `x` is
/// type-dependent.
static bool isStdMoveOrForward(const CallExpr *Call) {
  if (Call->getNumArgs() != 1)
    return false;
  if (isStdFunction(Call->getDirectCallee(), "move") ||
      isStdFunction(Call->getDirectCallee(), "forward"))
    return true;
  const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParenImpCasts());
  return Lookup && Lookup->getName().isIdentifier() && Lookup->getNumDecls() > 0 &&
         (*Lookup->decls_begin())->isInStdNamespace() &&
         (Lookup->getName().getAsIdentifierInfo()->isStr("move") ||
          Lookup->getName().getAsIdentifierInfo()->isStr("forward"));
}

static const Expr *strip(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && isStdMoveOrForward(Call)) {
      E = Call->getArg(0);
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && !isa<CXXTemporaryObjectExpr>(Construct) && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    return E;
  }
  return E;
}

bool isCallableType(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isDependentType())
    return T->isTemplateTypeParmType();
  if (T->isFunctionPointerType() || T->isFunctionType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  auto HasCall = [](const CXXRecordDecl *Class) {
    return llvm::any_of(Class->methods(), [](const CXXMethodDecl *M) {
      return M->getOverloadedOperator() == OO_Call;
    });
  };
  if (HasCall(RD->getDefinition()))
    return true;
  return !RD->getDefinition()->forallBases(
      [&](const CXXRecordDecl *Base) { return !HasCall(Base); });
}

const CXXRecordDecl *executorClass(const RoleLayer &Roles, const CXXRecordDecl *RD) {
  if (!RD)
    return nullptr;
  if (Roles.roleOf(RD) == Role::Executor)
    return RD;
  if (!RD->hasDefinition())
    return nullptr;
  for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases())
    if (const CXXRecordDecl *Found = executorClass(Roles, Base.getType()->getAsCXXRecordDecl()))
      return Found;
  return nullptr;
}

const ValueDecl *longLivedRoot(const Expr *E) {
  const ValueDecl *Field = nullptr;
  for (unsigned Depth = 0; E && Depth < 10; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (const auto *Static = dyn_cast<VarDecl>(ME->getMemberDecl()))
        return Static->hasGlobalStorage() ? Static : nullptr;
      if (!isa<FieldDecl>(ME->getMemberDecl()))
        return nullptr;
      Field = ME->getMemberDecl();
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
        return Field;
      E = ME->getBase();
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD && VD->hasGlobalStorage() && !isa<ParmVarDecl>(VD) ? VD : nullptr;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() >= 1 &&
        (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star ||
         Op->getOperator() == OO_Subscript)) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// Whether parameter \p Index of \p Method keeps what it is given: a
/// parameter by value or by rvalue reference, but not a forwarding reference
/// of a function template (a run-in-place helper's `F&&`).
static bool keepsArgument(const CXXMethodDecl *Method, unsigned Index) {
  if (Index >= Method->getNumParams())
    return Method->isVariadic();
  QualType T = Method->getParamDecl(Index)->getType();
  if (T->isLValueReferenceType())
    return false;
  if (const FunctionTemplateDecl *Primary = Method->getPrimaryTemplate()) {
    const FunctionDecl *Pattern = Primary->getTemplatedDecl();
    if (Index >= Pattern->getNumParams())
      return false; // a pack: `Args&&...`
    QualType PT = Pattern->getParamDecl(Index)->getType();
    if (const auto *Pack = PT->getAs<PackExpansionType>())
      PT = Pack->getPattern();
    if (const auto *Ref = PT->getAs<RValueReferenceType>();
        Ref && Ref->getPointeeType()->isTemplateTypeParmType())
      return false;
  }
  return true;
}

std::optional<KeepingCall> keepingCall(const RoleLayer &Roles, const Expr *E) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2 ||
        !isCallableType(Op->getArg(0)->getType()))
      return std::nullopt;
    if (const ValueDecl *Target = longLivedRoot(Op->getArg(0)))
      return KeepingCall{Target, 1u << 1};
    return std::nullopt;
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || Method->isConst() || Roles.roleOf(Method) ||
      executorClass(Roles, Method->getParent()))
    return std::nullopt;
  const ValueDecl *Target = longLivedRoot(Call->getImplicitObjectArgument());
  if (!Target)
    return std::nullopt;
  // A standard container keeps what its members are given (`emplace_back`
  // forwards, and still keeps).
  bool Container = Method->getParent()->isInStdNamespace();
  KeepingCall Keeping{Target, 0};
  for (unsigned I = 0; I < Call->getNumArgs() && I < 31; ++I)
    if (Container || keepsArgument(Method, I))
      Keeping.Args |= 1u << I;
  if (!Keeping.Args)
    return std::nullopt;
  return Keeping;
}

namespace {

/// Looks for a SNAPSHOT or BIND call in an expression.
class SnapshotFinder {
public:
  explicit SnapshotFinder(const RoleLayer &Roles) : Roles(Roles) {}

  bool in(const Stmt *S, unsigned Depth = 0) {
    if (!S || Depth > 16)
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      std::optional<Role> R = Roles.roleOfCall(Call);
      if (R == Role::Snapshot || R == Role::Bind || Roles.takesSnapshot(Call->getDirectCallee()))
        return true;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      // What it captures, not what its body does when it runs.
      for (const Expr *Init : Lambda->capture_inits())
        if (in(Init, Depth + 1))
          return true;
      return false;
    }
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(S))
      return in(Default->getExpr(), Depth + 1);
    if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(S))
      return in(Default->getExpr(), Depth + 1);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && in(VD->getInit(), Depth + 1);
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      if (constructs(Construct->getConstructor(), Depth))
        return true;
    for (const Stmt *Child : S->children())
      if (in(Child, Depth + 1))
        return true;
    return false;
  }

private:
  /// Whether a constructor takes a snapshot in its member initializers (a
  /// queue item that saves the context itself).
  bool constructs(const CXXConstructorDecl *Ctor, unsigned Depth) {
    const FunctionDecl *Definition = nullptr;
    if (!Ctor || !Ctor->hasBody(Definition) || Depth > 8)
      return false;
    for (const CXXCtorInitializer *Init : cast<CXXConstructorDecl>(Definition)->inits())
      if (Init->isWritten() && in(Init->getInit(), Depth + 1))
        return true;
    return false;
  }

  const RoleLayer &Roles;
};

} // namespace

bool carriesSnapshot(const RoleLayer &Roles, const Expr *E) { return SnapshotFinder(Roles).in(E); }

const ParmVarDecl *callableParameter(const Expr *E, const FunctionDecl *Function) {
  if (!E || !Function)
    return nullptr;
  E = strip(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *Param = dyn_cast<ParmVarDecl>(DRE->getDecl());
    const auto *Owner = Param ? dyn_cast<FunctionDecl>(Param->getDeclContext()) : nullptr;
    if (Owner && Owner->getCanonicalDecl() == Function->getCanonicalDecl() &&
        isCallableType(Param->getType()))
      return Param;
    return nullptr;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    for (const Expr *Init : Lambda->capture_inits())
      if (const ParmVarDecl *Param = callableParameter(Init, Function))
        return Param;
    return nullptr;
  }
  // A wrapper or an item made of it: `Task{std::move(f), ...}`,
  // `Func(std::move(f))`, `std::make_pair(ctx, std::move(f))`.
  if (isa<InitListExpr, CXXConstructExpr, CXXFunctionalCastExpr, ParenListExpr, CallExpr,
          MaterializeTemporaryExpr, CXXBindTemporaryExpr>(E))
    for (const Stmt *Child : E->children())
      if (const ParmVarDecl *Param = callableParameter(dyn_cast_or_null<Expr>(Child), Function))
        return Param;
  return nullptr;
}

std::pair<const ValueDecl *, const VarDecl *> carriedContext(const Expr *Value) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(Value ? strip(Value) : nullptr);
  if (ME && ME->isImplicitAccess())
    return {};
  if (!ME || !isa<FieldDecl>(ME->getMemberDecl()))
    return {};
  const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Base))
    return {};
  for (unsigned Depth = 0; Base && Depth < 6; ++Depth) {
    Base = Base->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return {ME->getMemberDecl(), VD && !VD->hasGlobalStorage() ? VD : nullptr};
    }
    if (const auto *Inner = dyn_cast<MemberExpr>(Base))
      Base = Inner->getBase();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Base); Op && Op->getNumArgs() >= 1)
      Base = Op->getArg(0);
    else if (const auto *UO = dyn_cast<UnaryOperator>(Base))
      Base = UO->getSubExpr();
    else
      break;
  }
  return {ME->getMemberDecl(), nullptr};
}

namespace {
/// Finds the callable parameters of a function that its body keeps: puts
/// into a long-lived object, or gives to a function that keeps them.
class KeptParameterFinder : public RecursiveASTVisitor<KeptParameterFinder> {
public:
  KeptParameterFinder(const RoleLayer &Roles, const FunctionDecl *Function)
      : Roles(Roles), Function(Function) {}
  unsigned Kept = 0;

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    if (std::optional<KeepingCall> Keeping = keepingCall(Roles, Call)) {
      // Kept with a snapshot beside it: carried.
      if (!carriesSnapshot(Roles, Call))
        for (unsigned I = 0; I < Args.size() && I < 31; ++I)
          if (Keeping->Args & (1u << I))
            keep(Args[I]);
      return true;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || isa<CXXOperatorCallExpr>(Call))
      return true;
    unsigned CalleeKeeps = Roles.keptParameters(Callee);
    for (unsigned I = 0; I < Args.size() && I < 31; ++I)
      if (CalleeKeeps & (1u << I))
        keep(Args[I]);
    return true;
  }

private:
  void keep(const Expr *Arg) {
    if (const ParmVarDecl *Param = callableParameter(Arg, Function))
      if (Param->getFunctionScopeIndex() < 31)
        Kept |= 1u << Param->getFunctionScopeIndex();
  }
  const RoleLayer &Roles;
  const FunctionDecl *Function;
};
} // namespace

namespace {
/// Whether a body takes a snapshot of the context: calls SNAPSHOT, or a
/// function that does (a queue that saves the context with each item).
class SnapshotTaker : public RecursiveASTVisitor<SnapshotTaker> {
public:
  explicit SnapshotTaker(const RoleLayer &Roles) : Roles(Roles) {}
  bool Found = false;
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    Found = Roles.roleOfCall(Call) == Role::Snapshot || Roles.takesSnapshot(Call->getDirectCallee());
    return !Found;
  }

private:
  const RoleLayer &Roles;
};
} // namespace

bool RoleLayer::takesSnapshot(const FunctionDecl *FD) const {
  const FunctionDecl *Definition = nullptr;
  if (!FD || roleOf(FD) || !FD->hasBody(Definition) ||
      Definition->getASTContext().getSourceManager().isInSystemHeader(Definition->getLocation()))
    return false;
  auto [It, Inserted] = TakesSnapshot.try_emplace(Definition->getCanonicalDecl(), false);
  if (!Inserted)
    return It->second; // known, or being found
  // Three calls deep at most: a queue's `put` that calls its `push`.
  if (SnapshotDepth >= 3)
    return false;
  ++SnapshotDepth;
  SnapshotTaker Finder(*this);
  Finder.TraverseStmt(Definition->getBody());
  --SnapshotDepth;
  TakesSnapshot[Definition->getCanonicalDecl()] = Finder.Found;
  return Finder.Found;
}

unsigned RoleLayer::keptParameters(const FunctionDecl *FD) const {
  const FunctionDecl *Definition = nullptr;
  if (!FD || !FD->hasBody(Definition) || roleOf(FD))
    return 0;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD);
      Method && executorClass(*this, Method->getParent()))
    return 0; // an executor carries what it is given
  auto [It, Inserted] = KeptParams.try_emplace(Definition->getCanonicalDecl(), 0);
  if (!Inserted)
    return It->second; // known, or being found (a recursion keeps nothing more)
  // The standard library keeps callables only where the oracle knows it
  // (std::function, a container's members, a thread).
  if (Definition->getASTContext().getSourceManager().isInSystemHeader(Definition->getLocation()) ||
      llvm::none_of(Definition->parameters(),
                    [](const ParmVarDecl *P) { return isCallableType(P->getType()); }))
    return 0;
  KeptParameterFinder Finder(*this, Definition);
  Finder.TraverseStmt(Definition->getBody());
  KeptParams[Definition->getCanonicalDecl()] = Finder.Kept;
  return Finder.Kept;
}

bool isSnapshotValue(const RoleLayer &Roles, const Expr *E) {
  E = E ? strip(E) : nullptr;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    return Roles.roleOfCall(Call) == Role::Snapshot;
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage())
    return false;
  if (const auto *Param = dyn_cast<ParmVarDecl>(VD))
    return Param->hasDefaultArg() && !Param->hasUninstantiatedDefaultArg() &&
           !Param->hasUnparsedDefaultArg() && isSnapshotValue(Roles, Param->getDefaultArg());
  return VD->getInit() && isSnapshotValue(Roles, VD->getInit());
}

/// Whether \p RD is the class of \p Store (annotated, or named in the
/// configuration: `folly::RequestContext`).
static bool isStoreClass(const RoleLayer &Roles, const CXXRecordDecl *RD, const StoreRef &Store) {
  if (!RD)
    return false;
  if (Store.Class && RD->getCanonicalDecl() == Store.Class->getCanonicalDecl())
    return true;
  if (!Store.Named.empty() && RD->getQualifiedNameAsString() == Store.Named)
    return true;
  return Roles.roleOf(RD) == Role::Store;
}

/// Whether \p T is a saved context of \p Store: a store object, or a pointer
/// (plain or smart) to one (`std::shared_ptr<folly::RequestContext>`, what
/// folly's SNAPSHOT returns).
static bool isSavedContext(const RoleLayer &Roles, QualType T, const StoreRef &Store) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (isStoreClass(Roles, RD, Store))
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  return Spec && llvm::any_of(Spec->getTemplateArgs().asArray(), [&](const TemplateArgument &Arg) {
           return Arg.getKind() == TemplateArgument::Type &&
                  isStoreClass(Roles, Arg.getAsType()->getAsCXXRecordDecl(), Store);
         });
}

/// Whether objects of class \p RD are items of work: they hold a callable.
static bool holdsWork(const CXXRecordDecl *RD) {
  RD = RD ? RD->getDefinition() : nullptr;
  return RD && llvm::any_of(RD->fields(),
                            [](const FieldDecl *F) { return isCallableType(F->getType()); });
}

/// The data member that \p E, a member of an object not yet resolved in a
/// template's pattern (`data->ctx_` with `data` a
/// `std::unique_ptr<Node>`), names, where the object's class is known there:
/// the class itself, a pointer to it, or a smart pointer's first argument.
static const FieldDecl *dependentField(const CXXDependentScopeMemberExpr *E) {
  if (E->isImplicitAccess() || !E->getMember().isIdentifier())
    return nullptr;
  QualType Base = E->getBaseType();
  if (Base.isNull())
    return nullptr;
  if (Base->isPointerType())
    Base = Base->getPointeeType();
  const CXXRecordDecl *RD = Base->getAsCXXRecordDecl();
  if (const auto *Spec = Base->getAs<TemplateSpecializationType>(); !RD && Spec)
    for (const TemplateArgument &Arg : Spec->template_arguments())
      if (Arg.getKind() == TemplateArgument::Type) {
        RD = Arg.getAsType()->getAsCXXRecordDecl();
        break;
      }
  if (!RD || !RD->hasDefinition())
    return nullptr;
  for (const NamedDecl *Found : RD->getDefinition()->lookup(E->getMember()))
    if (const auto *Field = dyn_cast<FieldDecl>(Found))
      return Field;
  return nullptr;
}

bool installsCarriedContext(const RoleLayer &Roles, const CallExpr *Call) {
  if (Call->getNumArgs() == 0)
    return false;
  const Expr *Value = Call->getArg(Call->getNumArgs() - 1);
  const auto *Field = dyn_cast_or_null<FieldDecl>(carriedContext(Value).first);
  if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(strip(Value));
      !Field && Dependent && !Dependent->isImplicitAccess() &&
      !isa<CXXThisExpr>(Dependent->getBase()->IgnoreParenImpCasts()))
    Field = dependentField(Dependent);
  return Field && (isSavedContext(Roles, Field->getType(), Roles.storeOfCall(Call)) ||
                   holdsWork(dyn_cast<CXXRecordDecl>(Field->getParent())));
}

} // namespace clang::tidy::asyncctx

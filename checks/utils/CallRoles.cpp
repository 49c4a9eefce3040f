//===--- CallRoles.cpp - asyncctx-tidy ------------------------------------===//
//
// The role a call plays: usually its callee's, but an ENTER_WITH call that
// puts back what an earlier ENTER_WITH or SNAPSHOT of the same store returned
// (`auto saved = saveContext(); ... setContext(std::move(saved));`), or that
// sets a null or empty value (`setContext(nullptr)`), ends a scope rather
// than opening one: it plays DISABLE. The callee of a call in a template is
// known before instantiation when every function its name can mean plays one
// role (knownCallee).
//
//===----------------------------------------------------------------------===//

#include "Roles.h"
#include "Compat.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::asyncctx {

/// `std::move(x)`, also in a template where `x` is type-dependent.
static bool isStdMove(const CallExpr *Call) {
  if (Call->isCallToStdMove())
    return true;
  const auto *Lookup = dyn_cast_or_null<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParenImpCasts());
  return Lookup && !Lookup->requiresADL() && Lookup->getName().isIdentifier() &&
         Lookup->getName().getAsIdentifierInfo()->isStr("move") && Lookup->getNumDecls() > 0 &&
         (*Lookup->decls_begin())->isInStdNamespace();
}

/// \p E without what does not change its value: parentheses, implicit
/// conversions, temporaries, copies and moves.
static const Expr *valueOf(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1 && isStdMove(Call)) {
      E = Call->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (Construct && !isa<CXXTemporaryObjectExpr>(Construct) && Construct->getNumArgs() == 1 &&
        (Construct->getConstructor()->isCopyOrMoveConstructor() || Construct->isElidable())) {
      E = Construct->getArg(0);
      continue;
    }
    return E;
  }
  return E;
}

/// The local variable that \p E names, through copies, moves and
/// conversions (`prev`, `std::move(prev)`).
static const VarDecl *localVariable(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(valueOf(E));
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) ? VD : nullptr;
}

/// For a call of an ENTER_WITH that restores a previous value (roleOfCall):
/// the local variable holding it, which an earlier ENTER_WITH (that returns
/// the value it replaced, as folly's setContext does) or SNAPSHOT of the same
/// store initialised.
const VarDecl *RoleLayer::restoredVariable(const CallExpr *Call) const {
  const FunctionDecl *Callee = knownCallee(Call);
  if (!Callee || Call->getNumArgs() < 1)
    return nullptr;
  const VarDecl *Var = localVariable(Call->getArg(Call->getNumArgs() - 1));
  if (!Var || !Var->getInit())
    return nullptr;
  const auto *Earlier = dyn_cast<CallExpr>(valueOf(Var->getInit()));
  if (!Earlier || Earlier == Call || !knownCallee(Earlier))
    return nullptr;
  std::optional<Role> EarlierRole = roleOf(knownCallee(Earlier));
  if (EarlierRole != Role::EnterWith && EarlierRole != Role::Snapshot)
    return nullptr;
  if (storeOfCall(Earlier).key() != storeOfCall(Call).key())
    return nullptr;
  return Var;
}

/// Whether a value of type \p T can be null or empty: a pointer, or a class
/// that converts to bool (`std::shared_ptr`, `std::optional`).
static bool isNullable(QualType T) {
  T = T.getNonReferenceType();
  if (T->isAnyPointerType() || T->isNullPtrType() || T->isMemberPointerType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  for (const NamedDecl *D : RD->getDefinition()->getVisibleConversionFunctions())
    if (const auto *Conv = dyn_cast<CXXConversionDecl>(D->getUnderlyingDecl()))
      if (Conv->getConversionType()->isBooleanType())
        return true;
  return false;
}

/// Whether \p E, of a nullable type, is a null or empty value: a null pointer
/// constant, `{}`, a default- or null-constructed object
/// (`std::shared_ptr<T>()`, `std::shared_ptr<T>(nullptr)`), or a `const`
/// local variable initialised with one.
static bool isEmptyValue(const Expr *E, ASTContext &Ctx, unsigned Depth = 0) {
  if (!E || Depth > 4 || E->isTypeDependent() || E->isValueDependent() || !isNullable(E->getType()))
    return false;
  const Expr *V = valueOf(E);
  if (V->isNullPointerConstant(Ctx, Expr::NPC_NeverValueDependent) != Expr::NPCK_NotNull)
    return true;
  if (isa<CXXScalarValueInitExpr, ImplicitValueInitExpr>(V))
    return true;
  if (const auto *List = dyn_cast<InitListExpr>(V))
    return List->getNumInits() == 0 ||
           (List->getNumInits() == 1 && isEmptyValue(List->getInit(0), Ctx, Depth + 1));
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(V)) {
    if (!isNullable(Construct->getType()))
      return false;
    if (Construct->getNumArgs() == 0)
      return Construct->getConstructor()->isDefaultConstructor();
    return Construct->getNumArgs() == 1 && Construct->getArg(0)->getType()->isNullPtrType();
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(V)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
           VD->getType().isConstQualified() && isEmptyValue(VD->getInit(), Ctx, Depth + 1);
  }
  return false;
}

const FunctionDecl *RoleLayer::knownCallee(const CallExpr *Call) const {
  if (const FunctionDecl *Callee = Call->getDirectCallee())
    return Callee;
  const auto *Lookup = dyn_cast_or_null<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParenImpCasts());
  if (!Lookup || Lookup->requiresADL() || Lookup->getNumDecls() == 0)
    return nullptr;
  const FunctionDecl *First = nullptr;
  std::optional<Role> FirstRole;
  for (const NamedDecl *D : Lookup->decls()) {
    D = D->getUnderlyingDecl();
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      D = FTD->getTemplatedDecl();
    const auto *FD = dyn_cast<FunctionDecl>(D);
    std::optional<Role> R = roleOf(FD);
    if (!FD || !R)
      return nullptr;
    if (!First) {
      First = FD;
      FirstRole = R;
      continue;
    }
    std::optional<ConfiguredRole> A = configuredRole(First), B = configuredRole(FD);
    if (R != FirstRole || !A != !B || (A && A->Store.data() != B->Store.data()) ||
        First->getDeclContext() != FD->getDeclContext())
      return nullptr;
  }
  return First;
}

bool RoleLayer::guardClears(const Expr *Guard) const {
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Guard);
  if (!Construct || Construct->getNumArgs() == 0)
    return false;
  const Expr *Value = Construct->getArg(Construct->getNumArgs() - 1);
  return isEmptyValue(Value, Construct->getConstructor()->getASTContext());
}

TokenCall tokenCall(const CallExpr *Call, ASTContext &Ctx) {
  auto IsNull = [&](const Expr *E) {
    return isa<CXXDefaultArgExpr>(E) ||
           E->IgnoreImplicit()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
  };
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = MemberCall->getMethodDecl();
    if (!Method || !Method->getDeclName().isIdentifier())
      return {};
    const Expr *Holder = MemberCall->getImplicitObjectArgument();
    if (Method->getName() == "reset" && (Call->getNumArgs() == 0 || IsNull(Call->getArg(0))))
      return {TokenOp::Reset, Holder};
    if (Method->getName() == "release" && Call->getNumArgs() == 0)
      return {TokenOp::Release, Holder};
    return {};
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && IsNull(Op->getArg(1)))
    return {TokenOp::Reset, Op->getArg(0)};
  return {};
}

const VarDecl *localRoot(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
                     !VD->getType()->isReferenceType()
                 ? VD
                 : nullptr;
    }
    const auto *ME = dyn_cast<MemberExpr>(E);
    if (!ME || ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
      return nullptr;
    E = ME->getBase();
  }
  return nullptr;
}

std::optional<Role> RoleLayer::roleOfCall(const CallExpr *Call) const {
  std::optional<Role> R = roleOf(knownCallee(Call));
  // A set that puts back what an earlier set or snapshot returned ends the
  // scope that set opened; a set of nothing (`setContext(nullptr)`) clears.
  // The value is the last argument (`set(v)`, `put(key, v)`).
  if (R == Role::EnterWith && Call->getNumArgs() > 0 &&
      (restoredVariable(Call) ||
       isEmptyValue(Call->getArg(Call->getNumArgs() - 1), knownCallee(Call)->getASTContext())))
    return Role::Disable;
  return R;
}

} // namespace clang::tidy::asyncctx

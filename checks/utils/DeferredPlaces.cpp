//===--- DeferredPlaces.cpp - asyncctx-tidy -------------------------------===//

#include "DeferredPlaces.h"
#include "AnalysisContext.h"
#include "DeferredWork.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncctx {

DeferredPlaces::DeferredPlaces(AnalysisContext &Context)
    : Ctx(Context.AST), Roles(Context.Roles) {}

/// The data member that \p E names (`ctx_`, `cb->context_`), if it does.
static const ValueDecl *memberNamed(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return ME && isa<FieldDecl>(ME->getMemberDecl()) ? ME->getMemberDecl() : nullptr;
}

static bool isStdCall(const CallExpr *Call, llvm::StringRef Name) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Callee->isInStdNamespace() && Callee->getDeclName().isIdentifier() &&
         Callee->getName() == Name;
}

void DeferredPlaces::drop(const Expr *E) {
  if (const ValueDecl *Member = memberNamed(E))
    Dropped.insert(Member);
}

void DeferredPlaces::call(const CallExpr *Call, const FunctionDecl *Function) {
  // What drops a member's value: moving it out, exchanging or swapping it,
  // resetting it (`ctx_.reset()`, `ctx_.swap(other)`).
  if ((isStdCall(Call, "move") || isStdCall(Call, "exchange")) && Call->getNumArgs() >= 1)
    drop(Call->getArg(0));
  if (isStdCall(Call, "swap") && Call->getNumArgs() == 2) {
    drop(Call->getArg(0));
    drop(Call->getArg(1));
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const CXXMethodDecl *Method = Member->getMethodDecl();
        Method && Method->getDeclName().isIdentifier() &&
        (Method->getName() == "reset" || Method->getName() == "swap")) {
      drop(Member->getImplicitObjectArgument());
      if (Method->getName() == "swap" && Call->getNumArgs() == 1)
        drop(Call->getArg(0));
    }
  keptWithoutSnapshot(Call, Function);
}

void DeferredPlaces::keptWithoutSnapshot(const CallExpr *Call, const FunctionDecl *Function) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function);
  if (!Method || Method->isStatic() || Method->getParent()->isLambda())
    return;
  // A member that its profile or annotation calls a SPAWN starts its work
  // with no context by contract (folly's ManualExecutor::add): it keeps
  // none, and says so.
  if (Roles.roleOf(Method) == Role::Spawn)
    return;
  const CXXRecordDecl *Executor = executorClass(Roles, Method->getParent());
  if (!Executor)
    return;
  std::optional<KeepingCall> Keeping = keepingCall(Roles, Call);
  // A queue: a container of items (a class template's specialization), not
  // a single callable member (an observer, a callback of the executor's own).
  // Its own queue: a data member (an executor's global is no queue of its
  // work, but a hook of the process: a trace callback).
  if (!Keeping || !isa<FieldDecl>(Keeping->Target))
    return;
  QualType TargetType = Keeping->Target->getType().getNonReferenceType();
  if (TargetType->isPointerType())
    TargetType = TargetType->getPointeeType();
  const auto *Queue = TargetType->getAsCXXRecordDecl();
  if (!Queue || !isa<ClassTemplateSpecializationDecl>(Queue) || isCallableType(TargetType) ||
      carriesSnapshot(Roles, Call))
    return;
  for (unsigned I = 0; I < Call->getNumArgs() && I < 31; ++I) {
    if (!(Keeping->Args & (1u << I)))
      continue;
    if (const ParmVarDecl *Param = callableParameter(Call->getArg(I), Method)) {
      UncarriedWorkFact Fact;
      Fact.K = UncarriedWorkFact::Kind::Stored;
      Fact.Loc = Call->getArg(I)->getBeginLoc();
      Fact.Function = Method->getDefinition() ? Method->getDefinition() : Method;
      Fact.Work = Param;
      Fact.KeptIn = Keeping->Target;
      Fact.Executor = Executor;
      Stored.push_back(Fact);
      return;
    }
  }
}

/// Whether \p E is a null or empty value: `nullptr`, `{}`, a default-made
/// object.
static bool isEmpty(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreImplicit()->IgnoreParens();
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull)
    return true;
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0 ||
           (Construct->getNumArgs() == 1 && Construct->getArg(0)->getType()->isNullPtrType());
  return false;
}

void DeferredPlaces::assignment(const Expr *Target, const Expr *Value, SourceLocation Loc) {
  const ValueDecl *Member = memberNamed(Target);
  if (!Member || !Value)
    return;
  if (isEmpty(Value, Ctx)) {
    Dropped.insert(Member);
    return;
  }
  if (Member->getAccess() == AS_public || !isSnapshotValue(Roles, Value))
    return;
  // A parameter whose default argument is the snapshot: the context taken
  // implicitly, unless the caller gave one.
  bool FromDefault = false;
  for (const Expr *E = Value; E;) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      FromDefault = isa<ParmVarDecl>(DRE->getDecl());
      break;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    E = Call && Call->getNumArgs() == 1 && isStdCall(Call, "move") ? Call->getArg(0) : nullptr;
  }
  Keeps.push_back({Ctx.getSourceManager().getExpansionLoc(Loc), Member, FromDefault});
}

bool DeferredPlaces::mayBeDroppedElsewhere(const ValueDecl *Member) const {
  const auto *Class = dyn_cast<CXXRecordDecl>(Member->getDeclContext());
  if (!Class || !Class->hasDefinition())
    return true;
  for (const CXXMethodDecl *Method : Class->getDefinition()->methods()) {
    if (Method->isImplicit() || Method->isDeleted() || Method->isDefaulted() ||
        Method->isPureVirtual())
      continue;
    const FunctionDecl *Definition = nullptr;
    if (!Method->hasBody(Definition))
      return true;
  }
  return false;
}

void DeferredPlaces::finish(std::vector<UncarriedWorkFact> &Uncarried,
                            std::vector<KeptSnapshotFact> &Kept) {
  Uncarried = std::move(Stored);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const KeptSnapshotFact &Keep : Keeps) {
    if (Dropped.count(Keep.Member))
      continue;
    // Kept in the class's own file (the main file), its other member
    // functions are here too; kept in a header, they may be elsewhere.
    if (!SM.isInMainFile(Keep.Loc) && mayBeDroppedElsewhere(Keep.Member))
      continue;
    Kept.push_back(Keep);
  }
}

} // namespace clang::tidy::asyncctx

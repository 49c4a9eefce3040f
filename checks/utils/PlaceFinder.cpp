//===--- PlaceFinder.cpp - asyncctx-tidy ----------------------------------===//

#include "PlaceFinder.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::asyncctx {

/// The variable of static storage (a global, a static member or local)
/// written through \p E: itself, or an object of which it is a member.
static const VarDecl *staticTarget(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD && VD->hasGlobalStorage() && !isa<ParmVarDecl>(VD) ? VD : nullptr;
    }
    const auto *ME = dyn_cast<MemberExpr>(E);
    if (!ME)
      return nullptr;
    if (const auto *Member = dyn_cast<VarDecl>(ME->getMemberDecl()))
      return Member->hasGlobalStorage() ? Member : nullptr; // a static data member
    if (ME->isArrow())
      return nullptr; // what a pointer points to is not the variable
    E = ME->getBase();
  }
  return nullptr;
}

void PlaceFinder::variable(const VarDecl *VD) {
  if (!VD->hasGlobalStorage() || isa<ParmVarDecl>(VD) || VD->isInvalidDecl() ||
      VD->getDeclContext()->isDependentContext())
    return;
  if (const Expr *Init = VD->getInit())
    Places.StaticStores.push_back({Init, VD, VD->getLocation()});
  if (roleOf(VD->getType()->getAsCXXRecordDecl()) == Role::ScopeGuard || guardExpr(VD->getInit()))
    Places.StaticGuards.push_back(VD);
}

void PlaceFinder::memberInitializer(const CXXCtorInitializer *Init) {
  if (!Init->isMemberInitializer())
    return;
  // A guard kept in a data member lives as long as its object.
  if (const Expr *Guard = guardExpr(Init->getInit()); Guard && !isa<CXXConstructExpr>(Guard))
    Places.KeptGuards.push_back({Guard, Init->getMember(), Init->getSourceLocation()});
}

void PlaceFinder::keptInMember(const Expr *Target, const Expr *Value, SourceLocation Loc) {
  const auto *ME = dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts());
  if (!ME || !isa<FieldDecl>(ME->getMemberDecl()))
    return;
  if (const Expr *Guard = guardExpr(Value))
    Places.KeptGuards.push_back({Guard, ME->getMemberDecl(), Loc});
}

void PlaceFinder::keptStatic(const Expr *Value, const VarDecl *Target, SourceLocation Loc) {
  Places.StaticStores.push_back({Value, Target, Loc});
  if (const Expr *Guard = guardExpr(Value))
    Places.KeptGuards.push_back({Guard, Target, Loc});
}

void PlaceFinder::assignment(const Expr *Target, const Expr *Value, SourceLocation Loc) {
  if (const VarDecl *Static = staticTarget(Target))
    keptStatic(Value, Static, Loc);
  else
    keptInMember(Target, Value, Loc);
}

void PlaceFinder::condition(const Expr *Cond) {
  // A test of whether a NeverNull read returned null (`if (get())`,
  // `get() != nullptr`, `!get()`), which has one answer everywhere.
  if (!Cond)
    return;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot)
    return condition(UO->getSubExpr());
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->isLogicalOp()) {
      condition(BO->getLHS());
      return condition(BO->getRHS());
    }
    if (!BO->isEqualityOp())
      return;
    auto IsNull = [&](const Expr *E) {
      return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
    };
    if (IsNull(BO->getRHS()))
      Cond = BO->getLHS()->IgnoreParenImpCasts();
    else if (IsNull(BO->getLHS()))
      Cond = BO->getRHS()->IgnoreParenImpCasts();
    else
      return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(Cond))
    if (roleOf(Call->getDirectCallee()) == Role::Read &&
        hasRoleTrait(Call->getDirectCallee(), NeverNull))
      Places.NeverNullTests.push_back(Call);
}

void PlaceFinder::newExpr(const CXXNewExpr *New) {
  if (roleOf(New->getAllocatedType()->getAsCXXRecordDecl()) == Role::ScopeGuard)
    Places.NewGuards.push_back(New);
}

void PlaceFinder::call(const CallExpr *Call, const FunctionDecl *Function,
                       const VarDecl *StaticInit) {
  std::optional<Role> R = roleOfCall(Call);
  if (R == Role::EnterWith) {
    EnterWithCalls.push_back({Call, Function});
    if (StaticInit)
      Places.EnterWithInStaticInit.push_back({Call, StaticInit});
  }
  if (R == Role::Disable)
    DisableCalls.push_back({Call, Function});
}

void PlaceFinder::blockStatement(const Stmt *S) {
  // A guard made and dropped in one statement covers nothing after it.
  if (const auto *E = dyn_cast<Expr>(S))
    if (const Expr *Guard = guardExpr(E))
      Places.DiscardedGuards.push_back(Guard);
}

void PlaceFinder::finish(const llvm::DenseSet<const CallExpr *> &RestoredByGuard) {
  // A set of a configured store (which has no run() to rewrite into) that
  // the same function clears after it (`MDC::put` ... `MDC::remove`, or
  // folly's `setContext(prev)` restoring what the set returned) is a manual
  // scope: its paths are the leak analysis's business, not a report of its
  // own. So is a set inside a guard that restores what was current before.
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &[Call, Function] : EnterWithCalls) {
    StoreRef Store = storeOfCall(Call);
    bool ClearedLater =
        !Store.Named.empty() && Function &&
        llvm::any_of(DisableCalls, [&, Call = Call, Function = Function](const auto &D) {
          return D.second == Function && storeOfCall(D.first).key() == Store.key() &&
                 SM.isBeforeInTranslationUnit(Call->getExprLoc(), D.first->getExprLoc());
        });
    if (!ClearedLater && !RestoredByGuard.count(Call))
      Places.EnterWithCalls.push_back(Call);
  }
}

} // namespace clang::tidy::asyncctx

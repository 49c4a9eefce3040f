//===--- PlaceFinder.cpp - asyncctx-tidy ----------------------------------===//

#include "PlaceFinder.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

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
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      Reassigned.insert(VD);
  if (const VarDecl *Static = staticTarget(Target))
    keptStatic(Value, Static, Loc);
  else
    keptInMember(Target, Value, Loc);
}

/// The call of a NeverNull read that \p E is, or the local variable that
/// one initialised and \p E names.
static std::pair<const CallExpr *, const VarDecl *> neverNullRead(const Expr *E) {
  auto IsNeverNullRead = [](const Expr *E) -> const CallExpr * {
    const auto *Call = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    if (Call && roleOf(Call->getDirectCallee()) == Role::Read &&
        hasRoleTrait(Call->getDirectCallee(), NeverNull))
      return Call;
    return nullptr;
  };
  if (!E)
    return {};
  if (const CallExpr *Call = IsNeverNullRead(E))
    return {Call, nullptr};
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || VD->isInitCapture() ||
      VD->getType()->isReferenceType())
    return {};
  if (const CallExpr *Call = IsNeverNullRead(VD->getInit()))
    return {Call, VD};
  return {};
}

void PlaceFinder::nullTest(const Expr *Tested) {
  // A test of whether a NeverNull read returned null has one answer
  // everywhere.
  auto [Read, Var] = neverNullRead(Tested);
  if (Read)
    Places.NeverNullTests.push_back({Read, Var ? Tested->getExprLoc() : Read->getExprLoc(), Var});
}

void PlaceFinder::nullComparison(const Expr *LHS, const Expr *RHS) {
  auto IsNull = [&](const Expr *E) {
    return !E->isValueDependent() &&
           E->IgnoreImplicit()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
               Expr::NPCK_NotNull;
  };
  if (IsNull(RHS))
    nullTest(LHS);
  else if (IsNull(LHS))
    nullTest(RHS);
}

void PlaceFinder::newExpr(const CXXNewExpr *New) {
  if (roleOf(New->getAllocatedType()->getAsCXXRecordDecl()) == Role::ScopeGuard)
    Places.NewGuards.push_back(New);
}

void PlaceFinder::patternVariable(const VarDecl *VD, const FunctionDecl *Function) {
  if (hasRoleTrait(VD->getType()->getAsCXXRecordDecl(), RestoresOnly))
    PatternSavers.push_back({VD, Function});
}

void PlaceFinder::call(const CallExpr *Call, const FunctionDecl *Function,
                       const VarDecl *StaticInit, bool InPattern) {
  std::optional<Role> R = roleOfCall(Call);
  if (R == Role::EnterWith) {
    EnterWithCalls.push_back({Call, Function});
    if (InPattern)
      PatternCalls.insert(Call);
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

/// Whether \p Inner is \p Outer, or a lambda written inside it (a restore
/// in `SCOPE_EXIT { ... }` is the function's own).
static bool isWithin(const FunctionDecl *Inner, const FunctionDecl *Outer) {
  if (!Inner || !Outer)
    return false;
  Outer = Outer->getCanonicalDecl();
  for (const DeclContext *DC = Inner; DC; DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      if (FD->getCanonicalDecl() == Outer)
        return true;
      const auto *Method = dyn_cast<CXXMethodDecl>(FD);
      if (!Method || !Method->getParent()->isLambda())
        return false;
    }
  }
  return false;
}

namespace {
/// Whether a body ends the scope guard kept in a data member: a DISABLE
/// given it (`Detach(*token_)`), `token_.reset()`, `token_ = nullptr`.
class EndsMember : public RecursiveASTVisitor<EndsMember> {
public:
  EndsMember(const FieldDecl *Member, ASTContext &Ctx) : Member(Member), Ctx(Ctx) {}
  bool Found = false;

  bool mentions(const Expr *E) {
    if (!E)
      return false;
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      if (ME->getMemberDecl() == Member)
        return true;
    for (const Stmt *Child : E->children())
      if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child); ChildExpr && mentions(ChildExpr))
        return true;
    return false;
  }
  bool isMember(const Expr *E) {
    const auto *ME = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    return ME && ME->getMemberDecl() == Member;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (roleOfCall(Call) == Role::Disable && llvm::any_of(Call->arguments(), [&](const Expr *Arg) { return mentions(Arg); }))
      Found = true;
    if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call))
      if (const CXXMethodDecl *Method = MemberCall->getMethodDecl();
          Method && Method->getDeclName().isIdentifier() && Method->getName() == "reset" &&
          isMember(MemberCall->getImplicitObjectArgument()) &&
          (Call->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(Call->getArg(0)) ||
           Call->getArg(0)->IgnoreImplicit()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)))
        Found = true;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && isMember(Op->getArg(0)) &&
        Op->getArg(1)->IgnoreImplicit()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      Found = true;
    return !Found;
  }

private:
  const FieldDecl *Member;
  ASTContext &Ctx;
};
} // namespace

bool PlaceFinder::endedByOwnMember(const FieldDecl *Member) {
  const auto *Class = dyn_cast<CXXRecordDecl>(Member->getParent());
  if (!Class || !Class->hasDefinition())
    return false;
  bool Unknown = false;
  for (const CXXMethodDecl *Method : Class->getDefinition()->methods()) {
    if (Method->isImplicit() || Method->isDeleted() || Method->isDefaulted() || Method->isPureVirtual())
      continue;
    const FunctionDecl *Definition = nullptr;
    if (!Method->hasBody(Definition)) {
      Unknown = true; // defined in another translation unit: it may end it
      continue;
    }
    // The destructor ends it with the object, which is what is reported.
    if (isa<CXXDestructorDecl>(Method))
      continue;
    EndsMember Finder(Member, Ctx);
    Finder.TraverseStmt(Definition->getBody());
    if (Finder.Found)
      return true;
  }
  return Unknown;
}

/// Whether a template pattern, or a template around it, has been
/// instantiated (or may be: a generic lambda), so that its instantiations,
/// which the flow analysis sees, speak for it.
static bool mayBeInstantiated(const FunctionDecl *FD) {
  for (const DeclContext *DC = FD; DC; DC = DC->getParent()) {
    if (const auto *F = dyn_cast<FunctionDecl>(DC)) {
      if (const FunctionTemplateDecl *FTD = F->getDescribedFunctionTemplate()) {
        if (!FTD->specializations().empty())
          return true;
      } else if (const auto *Method = dyn_cast<CXXMethodDecl>(F); Method && Method->getParent()->isLambda()) {
        return true;
      }
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (const ClassTemplateDecl *CTD = RD->getDescribedClassTemplate())
        if (!CTD->specializations().empty())
          return true;
      if (isa<ClassTemplatePartialSpecializationDecl>(RD))
        return true;
    }
  }
  return false;
}

void PlaceFinder::finish(const llvm::DenseSet<const CallExpr *> &RestoredByGuard) {
  // A set of a configured store (which has no run() to rewrite into) that
  // the same function clears after it (`MDC::put` ... `MDC::remove`, or
  // folly's `setContext(prev)` restoring what the set returned, also in a
  // scope-exit lambda written in the function) is a manual scope: its paths
  // are the leak analysis's business, not a report of its own. So is a set
  // inside a guard that restores what was current before.
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &[Call, Function] : EnterWithCalls) {
    StoreRef Store = storeOfCall(Call);
    bool ClearedLater =
        !Store.Named.empty() && Function &&
        llvm::any_of(DisableCalls, [&, Call = Call, Function = Function](const auto &D) {
          return isWithin(D.second, Function) && storeOfCall(D.first).key() == Store.key() &&
                 SM.isBeforeInTranslationUnit(Call->getExprLoc(), D.first->getExprLoc());
        });
    // In a pattern: only where no instantiation speaks for it, and not under
    // a guard that restores.
    bool PatternSilenced =
        PatternCalls.count(Call) &&
        (!Function || mayBeInstantiated(Function) ||
         llvm::any_of(PatternSavers, [&, Call = Call, Function = Function](const auto &Saver) {
           return Saver.second == Function &&
                  SM.isBeforeInTranslationUnit(Saver.first->getLocation(), Call->getExprLoc());
         }));
    if (!ClearedLater && !RestoredByGuard.count(Call) && !PatternSilenced)
      Places.EnterWithCalls.push_back(Call);
  }
  // A null test of a variable assigned elsewhere may test what was assigned.
  llvm::erase_if(Places.NeverNullTests, [&](const ScopeFacts::NeverNullTest &Test) {
    return Test.Var && Reassigned.count(Test.Var);
  });
  // A token kept in a member that its class ends in a member function of its
  // own is a scope owned by that object.
  llvm::erase_if(Places.KeptGuards, [&](const KeptGuard &Kept) {
    const auto *Member = dyn_cast<FieldDecl>(Kept.Target);
    return Member && endedByOwnMember(Member);
  });
}

} // namespace clang::tidy::asyncctx

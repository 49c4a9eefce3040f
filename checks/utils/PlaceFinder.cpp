//===--- PlaceFinder.cpp - asyncctx-tidy ----------------------------------===//

#include "PlaceFinder.h"
#include "AnalysisContext.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
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

PlaceFinder::PlaceFinder(AnalysisContext &Context)
    : Ctx(Context.AST), Roles(Context.Roles), Deferred(Context) {}

/// The function or class that makes a guard: the function a call calls, or
/// the class constructed.
static const NamedDecl *makerOf(const Expr *Guard) {
  if (const auto *Call = dyn_cast<CallExpr>(Guard))
    return Call->getDirectCallee();
  return cast<CXXConstructExpr>(Guard)->getConstructor()->getParent();
}

void PlaceFinder::variable(const VarDecl *VD) {
  if (!VD->hasGlobalStorage() || isa<ParmVarDecl>(VD) || VD->isInvalidDecl() ||
      VD->getDeclContext()->isDependentContext())
    return;
  if (const Expr *Init = VD->getInit())
    Found.StaticStores.push_back({Init, VD, VD->getLocation(),
                                  dyn_cast<FunctionDecl>(VD->getDeclContext())});
  const Expr *Guard = Roles.guardExpr(VD->getInit());
  if (Roles.roleOf(VD->getType()->getAsCXXRecordDecl()) == Role::ScopeGuard || Guard) {
    KeptGuardFact Fact;
    Fact.K = VD->getTLSKind() != VarDecl::TLS_None ? KeptGuardFact::Kind::ThreadVariable
                                                   : KeptGuardFact::Kind::StaticVariable;
    Fact.Loc = VD->getLocation();
    Fact.Target = VD;
    if (Guard) {
      Fact.Maker = makerOf(Guard);
      Fact.Store = Roles.storeOfGuard(Guard);
    }
    Found.KeptGuards.push_back(Fact);
  }
}

void PlaceFinder::memberInitializer(const CXXCtorInitializer *Init) {
  if (!Init->isMemberInitializer())
    return;
  // A guard kept in a data member lives as long as its object.
  if (const Expr *Guard = Roles.guardExpr(Init->getInit()); Guard && !isa<CXXConstructExpr>(Guard))
    Found.KeptGuards.push_back({KeptGuardFact::Kind::Member, Init->getSourceLocation(),
                                Init->getMember(), makerOf(Guard), Roles.storeOfGuard(Guard)});
}

void PlaceFinder::keptInMember(const Expr *Target, const Expr *Value, SourceLocation Loc) {
  const auto *ME = dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts());
  // A member of a local object lives as long as the object: the flow follows
  // that scope (utils/FunctionSteps).
  if (!ME || !isa<FieldDecl>(ME->getMemberDecl()) || localRoot(Target))
    return;
  if (const Expr *Guard = Roles.guardExpr(Value))
    Found.KeptGuards.push_back({KeptGuardFact::Kind::Member, Loc, ME->getMemberDecl(),
                                makerOf(Guard), Roles.storeOfGuard(Guard)});
}

void PlaceFinder::keptStatic(const Expr *Value, const VarDecl *Target, SourceLocation Loc,
                             const FunctionDecl *Function) {
  Found.StaticStores.push_back({Value, Target, Loc, Function});
  if (const Expr *Guard = Roles.guardExpr(Value))
    Found.KeptGuards.push_back({KeptGuardFact::Kind::StaticAssigned, Loc, Target, makerOf(Guard),
                                Roles.storeOfGuard(Guard)});
}

void PlaceFinder::assignment(const Expr *Target, const Expr *Value, SourceLocation Loc,
                             const FunctionDecl *Function) {
  if (const VarDecl *Static = staticTarget(Target))
    keptStatic(Value, Static, Loc, Function);
  else
    keptInMember(Target, Value, Loc);
  Deferred.assignment(Target, Value, Loc);
}

/// The call of a NeverNull read that \p E is, or the local variable that
/// one initialised and \p E names.
static std::pair<const CallExpr *, const VarDecl *> neverNullRead(const RoleLayer &Roles,
                                                                  const Expr *E) {
  auto IsNeverNullRead = [&](const Expr *E) -> const CallExpr * {
    const auto *Call = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    if (Call && Roles.roleOf(Call->getDirectCallee()) == Role::Read &&
        Roles.hasTrait(Call->getDirectCallee(), NeverNull))
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
  auto [Read, Var] = neverNullRead(Roles, Tested);
  // A test written in a macro's argument (`EXPECT_TRUE(get() != nullptr)`)
  // is where the argument is written.
  const SourceManager &SM = Ctx.getSourceManager();
  if (Read)
    Found.NeverNullTests.push_back({SM.getFileLoc(Var ? Tested->getExprLoc() : Read->getExprLoc()),
                                    Read->getDirectCallee(), SM.getFileLoc(Read->getExprLoc()),
                                    Var});
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
  if (Roles.roleOf(New->getAllocatedType()->getAsCXXRecordDecl()) == Role::ScopeGuard)
    Found.KeptGuards.push_back({KeptGuardFact::Kind::New, New->getBeginLoc(), nullptr, nullptr, {}});
}

void PlaceFinder::patternVariable(const VarDecl *VD, const FunctionDecl *Function) {
  if (Roles.hasTrait(VD->getType()->getAsCXXRecordDecl(), RestoresOnly))
    PatternSavers.push_back({VD, Function});
}

void PlaceFinder::call(const CallExpr *Call, const FunctionDecl *Function,
                       const VarDecl *StaticInit, bool InPattern) {
  std::optional<Role> R = Roles.roleOfCall(Call);
  if (R == Role::EnterWith)
    Found.EnterWithCalls.push_back({Call, Function, StaticInit, InPattern});
  if (R == Role::Disable && InPattern)
    PatternDisables.push_back({Call, Function});
  if (!InPattern)
    Deferred.call(Call, Function);
}

void PlaceFinder::blockStatement(const Stmt *S) {
  // A guard made and dropped in one statement covers nothing after it.
  if (const auto *E = dyn_cast<Expr>(S))
    if (const Expr *Guard = Roles.guardExpr(E))
      Found.DiscardedGuards.push_back({Ctx.getSourceManager().getExpansionLoc(Guard->getExprLoc()),
                                       makerOf(Guard), isa<CallExpr>(Guard),
                                       Roles.storeOfGuard(Guard)});
}

namespace {
/// Whether a body ends the scope guard kept in a data member: a DISABLE
/// given it (`Detach(*token_)`), `token_.reset()`, `token_ = nullptr`.
class EndsMember : public RecursiveASTVisitor<EndsMember> {
public:
  EndsMember(const FieldDecl *Member, ASTContext &Ctx, const RoleLayer &Roles)
      : Member(Member), Ctx(Ctx), Roles(Roles) {}
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
    if (Roles.roleOfCall(Call) == Role::Disable && llvm::any_of(Call->arguments(), [&](const Expr *Arg) { return mentions(Arg); }))
      Found = true;
    if (TokenCall Token = tokenCall(Call, Ctx); Token.Op == TokenOp::Reset && isMember(Token.Holder))
      Found = true;
    return !Found;
  }

private:
  const FieldDecl *Member;
  ASTContext &Ctx;
  const RoleLayer &Roles;
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
    EndsMember Finder(Member, Ctx, Roles);
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

std::optional<EnterWithFact> PlaceFinder::patternFact(const EnterWithCall &Call) const {
  const FunctionDecl *Function = Call.Function;
  // An instantiation's flow speaks for the pattern.
  if (!Function || mayBeInstantiated(Function))
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = Call.Call->getExprLoc();
  EnterWithFact Fact;
  Fact.Call = Call.Call;
  Fact.Callee = Roles.knownCallee(Call.Call);
  Fact.Store = Roles.storeOfCall(Call.Call);
  Fact.Function = Function->getDefinition() ? Function->getDefinition() : Function;
  Fact.StaticInit = Call.StaticInit;
  Fact.InPattern = true;
  Fact.RunMember = Roles.findMemberWithRole(Fact.Store.Class, Role::Run);
  // Under a guard that restores (declared before it), or followed by a
  // DISABLE of the same store, in the same pattern.
  if (llvm::any_of(PatternSavers, [&](const auto &Saver) {
        return Saver.second == Function &&
               SM.isBeforeInTranslationUnit(Saver.first->getLocation(), At);
      }))
    Fact.Closed = EnterWithFact::Closing::ByRestoringGuard;
  else if (llvm::any_of(PatternDisables, [&](const auto &D) {
             return D.second == Function && Roles.storeOfCall(D.first).key() == Fact.Store.key() &&
                    SM.isBeforeInTranslationUnit(At, D.first->getExprLoc());
           }))
    Fact.Closed = EnterWithFact::Closing::ByDisable;
  return Fact;
}

Places PlaceFinder::finish(const llvm::DenseSet<const VarDecl *> &Reassigned) {
  // A null test of a variable assigned elsewhere may test what was assigned.
  llvm::erase_if(Found.NeverNullTests, [&](const NeverNullTestFact &Test) {
    return Test.Var && Reassigned.count(Test.Var);
  });
  // A token kept in a member that its class ends in a member function of its
  // own is a scope owned by that object.
  llvm::erase_if(Found.KeptGuards, [&](const KeptGuardFact &Kept) {
    const auto *Member = dyn_cast_or_null<FieldDecl>(Kept.Target);
    return Kept.K == KeptGuardFact::Kind::Member && Member && endedByOwnMember(Member);
  });
  Deferred.finish(Found.UncarriedWork, Found.KeptSnapshots);
  return std::move(Found);
}

} // namespace clang::tidy::asyncctx

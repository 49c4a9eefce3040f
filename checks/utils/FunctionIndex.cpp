//===--- FunctionIndex.cpp - asyncctx-tidy --------------------------------===//

#include "FunctionIndex.h"
#include "AnalysisContext.h"
#include "Callables.h"
#include "CodeWithErrors.h"
#include "DeferredWork.h"
#include "PlaceFinder.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncctx {

namespace {

const FunctionDecl *canonical(const FunctionDecl *FD) { return FD ? FD->getCanonicalDecl() : nullptr; }

/// The functions of a library's own API (a role function, a member of a
/// store or guard class) implement the roles: their bodies are not the
/// user's code to check.
bool implementsRole(const RoleLayer &Roles, const FunctionDecl *FD) {
  // A call that captures the context is checked where it keeps what it
  // captured, and an executor's members (also one that says it spawns) for
  // the snapshot they keep (utils/DeferredPlaces, "Deferred work").
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  std::optional<Role> R = Roles.roleOf(FD);
  if (R && *R != Role::RequiresScope && *R != Role::Invocation && *R != Role::CapturesContext &&
      !(*R == Role::Spawn && Method && executorClass(Roles, Method->getParent())))
    return true;
  if (!Method)
    return false;
  std::optional<Role> ClassRole = Roles.roleOf(Method->getParent());
  return ClassRole == Role::Store || ClassRole == Role::ScopeGuard;
}

/// How a function is entered: the one place that decides it. A callable
/// handed to a runner or a thread start is entered there; it is entered only
/// there (\p Only) if nothing else calls it or keeps its address.
EntryKind classifyEntry(const RoleLayer &Roles, const FunctionDecl *FD, bool HandedToRunner,
                        bool HandedToThread, bool OtherUses, bool &Only) {
  Only = true;
  if (FD->isMain())
    return EntryKind::Main;
  if (Roles.roleOf(FD) == Role::Invocation ||
      hasQualifiedName(FD, Roles.config().invocationFunctions()))
    return EntryKind::Invocation;
  Only = !OtherUses;
  if (HandedToRunner)
    return EntryKind::Invocation;
  if (HandedToThread)
    return EntryKind::Thread;
  return EntryKind::None;
}

class Traversal : public RecursiveASTVisitor<Traversal> {
public:
  Traversal(AnalysisContext &Context, FunctionIndex &Index, PlaceFinder &Places,
            llvm::DenseSet<const FunctionDecl *> Skipped)
      : Ctx(Context.AST), Roles(Context.Roles), Index(Index), Places(Places),
        Skipped(std::move(Skipped)) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Code in system headers reads no store of the user's; skipping it keeps
    // the traversal to the code the user wrote.
    if (D && !isa<TranslationUnitDecl>(D) && Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    // What clang recovered of a declaration that failed to parse is a guess:
    // nothing in it is reported.
    if (D && D->isInvalidDecl())
      return true;
    auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (FD && FD->doesThisDeclarationHaveABody() && implementsRole(Roles, FD))
      return true;
    if (FD && FD->doesThisDeclarationHaveABody() && Skipped.count(canonical(FD)))
      return true;
    if (FD && FD->doesThisDeclarationHaveABody() && FD->isDependentContext() && !Pattern) {
      // A template's pattern: not analysed (its instantiations are), but its
      // calls whose callee is known without instantiation are single places.
      Pattern = FD->getCanonicalDecl();
      bool Result = Base::TraverseDecl(D);
      Pattern = nullptr;
      return Result;
    }
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext())
      return Base::TraverseDecl(D);
    return within(FD, [&] { return Base::TraverseDecl(D); });
  }

  bool TraverseLambdaExpr(LambdaExpr *E) {
    const FunctionDecl *Op = E->getCallOperator();
    if (Skipped.count(canonical(Op)))
      return true;
    // A generic lambda is analysed as each of its instantiations, whose
    // bodies hang off its call operator template, not off the lambda.
    if (const FunctionTemplateDecl *Template = Op->getDescribedFunctionTemplate();
        Template && !Op->isInvalidDecl())
      for (FunctionDecl *Spec : Template->specializations())
        if (Spec->doesThisDeclarationHaveABody() && !Spec->isDependentContext() &&
            !Skipped.count(canonical(Spec)))
          within(Spec, [&] { return TraverseStmt(Spec->getBody()); });
    if (Op->isDependentContext() || Op->isInvalidDecl())
      return Base::TraverseLambdaExpr(E);
    return within(Op, [&] { return Base::TraverseLambdaExpr(E); });
  }

  /// Tracks the variable of static storage whose initializer is traversed.
  bool TraverseVarDecl(VarDecl *VD) {
    if (!VD->hasGlobalStorage() || isa<ParmVarDecl>(VD))
      return Base::TraverseVarDecl(VD);
    const VarDecl *Saved = StaticInit;
    StaticInit = VD;
    bool Result = Base::TraverseVarDecl(VD);
    StaticInit = Saved;
    return Result;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasGlobalStorage() && !VD->isStaticLocal() && !VD->isInvalidDecl() &&
        !VD->getDeclContext()->isDependentContext() && !isa<ParmVarDecl>(VD) &&
        (VD->getInit() || VD->getType()->getAsCXXRecordDecl()))
      Index.Globals.push_back(VD);
    Places.variable(VD);
    if (!Current && Pattern && VD->hasLocalStorage())
      Places.patternVariable(VD, Pattern);
    if (Current && VD->hasLocalStorage() && Roles.guardExpr(VD->getInit()))
      Index.Functions[Current].TouchesStore = true;
    // The lambda a scope-exit guard runs at its end is a callee of the
    // function that declares the guard.
    if (const FunctionDecl *AtEnd = Current ? runsAtDestruction(Roles, VD) : nullptr) {
      HandedOn.insert(AtEnd);
      Index.Functions[Current].Callees.insert(AtEnd);
    }
    return true;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (Current)
      Places.memberInitializer(Init);
    return Base::TraverseConstructorInitializer(Init);
  }

  // Null tests, wherever they are written (a condition, an initializer, a
  // macro's argument): a conversion to bool, `== nullptr`, `!= nullptr`.
  bool VisitCastExpr(CastExpr *E) {
    if (Current && (E->getCastKind() == CK_PointerToBoolean ||
                    E->getCastKind() == CK_MemberPointerToBoolean))
      Places.nullTest(E->getSubExpr());
    return true;
  }

  bool VisitCXXRewrittenBinaryOperator(CXXRewrittenBinaryOperator *E) {
    CXXRewrittenBinaryOperator::DecomposedForm Form = E->getDecomposedForm();
    if (Current && BinaryOperator::isEqualityOp(Form.Opcode))
      Places.nullComparison(Form.LHS, Form.RHS);
    return true;
  }

  /// `Target = Value`: a local variable reassigned, or a value kept.
  void assignment(const Expr *Target, const Expr *Value, SourceLocation Loc) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        Index.Reassigned.insert(VD);
    if (Current && Roles.guardExpr(Value))
      if (const VarDecl *Holder = localRoot(Target)) {
        Index.GuardHolders.insert(Holder);
        Index.Functions[Current].TouchesStore = true;
      }
    Places.assignment(Target, Value, Loc, Current);
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      assignment(BO->getLHS(), BO->getRHS(), BO->getExprLoc());
    if (Current && BO->isEqualityOp())
      Places.nullComparison(BO->getLHS(), BO->getRHS());
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->isAssignmentOp() && Call->getNumArgs() == 2)
      assignment(Call->getArg(0), Call->getArg(1), Call->getExprLoc());
    if (Current && Call->getNumArgs() == 2 &&
        (Call->getOperator() == OO_EqualEqual || Call->getOperator() == OO_ExclaimEqual))
      Places.nullComparison(Call->getArg(0), Call->getArg(1));
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    // `if (sp)` on a smart pointer: its conversion to bool.
    const auto *Conversion = dyn_cast_or_null<CXXConversionDecl>(Call->getMethodDecl());
    if (Current && Conversion && Conversion->getConversionType()->isBooleanType())
      Places.nullTest(Call->getImplicitObjectArgument());
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    Places.newExpr(New);
    return true;
  }

  bool VisitCompoundStmt(CompoundStmt *Block) {
    if (Current)
      for (const Stmt *S : Block->body())
        Places.blockStatement(S);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    Places.call(Call, Current ? Current : Pattern, StaticInit, /*InPattern=*/!Current && Pattern);
    if (const Expr *CalleeExpr = Call->getCallee())
      CalleeRefs.insert(CalleeExpr->IgnoreParenImpCasts());
    handOn(Call);
    if (!Current)
      return true;
    FunctionInfo &Info = Index.Functions[Current];
    // A call that captures the context matters only where it captures it
    // implicitly for a long-lived callback object (utils/DeferredWork).
    if (std::optional<Role> R = Roles.roleOfCall(Call);
        (R && (R != Role::CapturesContext || implicitCapture(Roles, Call))) || startsThread(Call))
      Info.TouchesStore = true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (const FunctionDecl *Through =
            calledThrough(Call, [&](const VarDecl *VD) { return Index.Reassigned.count(VD); }))
      Callee = Through;
    if (Callee) {
      Info.Callees.insert(canonical(Callee));
      CalledDirectly.insert(canonical(Callee));
      if (!TryDepth)
        Info.CalleesOutsideTry.insert(canonical(Callee));
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    handOn(Construct);
    if (!Current)
      return true;
    FunctionInfo &Info = Index.Functions[Current];
    if (Roles.roleOf(Construct->getConstructor()->getParent()) == Role::ScopeGuard ||
        startsThread(Construct))
      Info.TouchesStore = true;
    Info.Callees.insert(canonical(Construct->getConstructor()));
    return true;
  }

  bool TraverseCXXTryStmt(CXXTryStmt *S) {
    // The try block's throws and calls are caught here (or may be: a
    // handler for another type is taken as catching too); the handlers'
    // are not.
    ++TryDepth;
    bool Result = TraverseStmt(S->getTryBlock());
    --TryDepth;
    for (unsigned I = 0; Result && I < S->getNumHandlers(); ++I)
      Result = TraverseStmt(S->getHandler(I));
    return Result;
  }

  bool VisitCXXThrowExpr(CXXThrowExpr *E) {
    if (Current && !TryDepth)
      Index.Functions[Current].Throws = true;
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      FunctionRefs.push_back({DRE, canonical(FD)});
    return true;
  }

  /// The functions that the traversed ones call, with a body in this
  /// translation unit but outside the traversal scope: clangd traverses the
  /// main file's declarations only, and a function defined in a header comes
  /// from its preamble. They are traversed too, as a run over the whole
  /// translation unit traverses them, so that what they do to the stores is
  /// known (their own facts are outside the main file: clangd shows none).
  void traverseCalleesOutsideScope() {
    std::vector<Decl *> Scope = Ctx.getTraversalScope();
    if (Scope.size() == 1 && isa<TranslationUnitDecl>(Scope.front()))
      return;
    llvm::DenseSet<const FunctionDecl *> Tried;
    for (bool Grew = true; Grew;) {
      Grew = false;
      std::vector<const FunctionDecl *> Definitions;
      auto Reached = [&](const FunctionDecl *Callee) {
        if (Index.find(Callee) || !Tried.insert(Callee).second)
          return;
        // One clang could not build whole is left out (utils/CodeWithErrors).
        if (const FunctionDecl *Definition = Callee->getDefinition();
            Definition && Definition->doesThisDeclarationHaveABody() &&
            !containsErrors(Definition))
          Definitions.push_back(Definition);
      };
      for (const auto &Entry : Index.Functions) {
        llvm::for_each(Entry.second.Callees, Reached);
        llvm::for_each(Entry.second.Invocations, Reached);
      }
      for (const FunctionDecl *Definition : Definitions) {
        size_t Before = Index.Functions.size();
        TraverseDecl(const_cast<FunctionDecl *>(Definition));
        Grew |= Index.Functions.size() != Before;
      }
    }
  }

  /// What only the whole traversal tells: how each function is entered,
  /// whose address escapes, and who calls whom.
  void finish() {
    for (const auto &[Ref, FD] : FunctionRefs)
      if (!CalleeRefs.count(Ref) && !HandedOn.count(FD)) {
        if (FunctionInfo *Info = Index.find(FD))
          Info->AddressEscapes = true;
        else
          Index.EscapingElsewhere.insert(FD);
      }
    for (auto &[FD, Info] : Index.Functions) {
      if (Bound.count(FD))
        Info.Bound = true;
      if (Info.FD)
        Info.Entry = classifyEntry(Roles, Info.FD, ToRunner.count(FD), ToThread.count(FD),
                                   CalledDirectly.count(FD) || Info.AddressEscapes, Info.EntryOnly);
    }
    for (auto &[FD, Info] : Index.Functions)
      for (const FunctionDecl *Callee : Info.Callees)
        if (FunctionInfo *CalleeInfo = Index.find(Callee))
          CalleeInfo->Callers.insert(FD);
    Index.propagateThrows();
  }

private:
  using Base = RecursiveASTVisitor<Traversal>;

  template <class F> bool within(const FunctionDecl *FD, F Traverse) {
    const FunctionDecl *Saved = Current;
    unsigned SavedDepth = TryDepth;
    Current = canonical(FD);
    TryDepth = 0;
    Index.Functions[Current].FD = FD->getDefinition() ? FD->getDefinition() : FD;
    bool Result = Traverse();
    Current = Saved;
    TryDepth = SavedDepth;
    return Result;
  }


  /// Records the callables \p E hands on: a runner's are invocations (they
  /// start afresh, so they are no callees), the others are callees of the
  /// function that hands them on.
  void handOn(const Expr *E) {
    for (const Handoff &H : handoffsOf(Roles, E)) {
      HandedOn.insert(H.Callable);
      if (H.Where == RunsIn::Invocation) {
        ToRunner.insert(H.Callable);
        if (Current)
          Index.Functions[Current].Invocations.insert(H.Callable);
        continue;
      }
      if (H.Where == RunsIn::NewThread)
        ToThread.insert(H.Callable);
      if (H.Where == RunsIn::Bound)
        Bound.insert(H.Callable);
      if (Current)
        Index.Functions[Current].Callees.insert(H.Callable);
    }
  }

  ASTContext &Ctx;
  const RoleLayer &Roles;
  FunctionIndex &Index;
  PlaceFinder &Places;
  const FunctionDecl *Current = nullptr;
  /// How many try blocks of Current hold the node being traversed.
  unsigned TryDepth = 0;
  /// The template pattern being traversed (Current is then null).
  const FunctionDecl *Pattern = nullptr;
  const VarDecl *StaticInit = nullptr;
  /// Functions with errors and their users (utils/CodeWithErrors).
  const llvm::DenseSet<const FunctionDecl *> Skipped;
  llvm::DenseSet<const Expr *> CalleeRefs;
  llvm::DenseSet<const FunctionDecl *> HandedOn, ToRunner, ToThread, Bound, CalledDirectly;
  std::vector<std::pair<const DeclRefExpr *, const FunctionDecl *>> FunctionRefs;
};

} // namespace

FunctionIndex::FunctionIndex(AnalysisContext &Context, PlaceFinder &Places) {
  const DiagnosticsEngine &Diags = Context.AST.getDiagnostics();
  if (Diags.hasFatalErrorOccurred())
    return;
  llvm::DenseSet<const FunctionDecl *> Skipped;
  if (Diags.hasErrorOccurred())
    Skipped = functionsWithErrors(Context.AST, [&](const FunctionDecl *FD) {
      return implementsRole(Context.Roles, FD);
    });
  Traversal Walk(Context, *this, Places, std::move(Skipped));
  Walk.TraverseDecl(Context.AST.getTranslationUnitDecl());
  Walk.traverseCalleesOutsideScope();
  Walk.finish();
}

FunctionInfo *FunctionIndex::find(const FunctionDecl *FD) {
  auto It = Functions.find(FD ? FD->getCanonicalDecl() : nullptr);
  return It == Functions.end() || !It->second.FD ? nullptr : &It->second;
}

const FunctionInfo *FunctionIndex::find(const FunctionDecl *FD) const {
  return const_cast<FunctionIndex *>(this)->find(FD);
}

void FunctionIndex::propagateThrows() {
  auto Noexcept = [](const FunctionInfo &Info) {
    const auto *Proto = Info.FD->getType()->getAs<FunctionProtoType>();
    return Proto && Proto->isNothrow();
  };
  auto CallsThrowerElsewhere = [&](const FunctionInfo &Info) {
    return llvm::any_of(Info.CalleesOutsideTry,
                        [&](const FunctionDecl *Callee) { return ThrowsElsewhere.count(Callee); });
  };
  std::vector<FunctionInfo *> Work;
  for (auto &[FD, Info] : Functions)
    if (Info.FD && !Info.MayThrow && !Noexcept(Info) &&
        (Info.Throws || (!ThrowsElsewhere.empty() && CallsThrowerElsewhere(Info)))) {
      Info.MayThrow = true;
      Work.push_back(&Info);
    }
  while (!Work.empty()) {
    FunctionInfo *Thrower = Work.back();
    Work.pop_back();
    const FunctionDecl *Key = canonical(Thrower->FD);
    for (const FunctionDecl *Caller : Thrower->Callers)
      if (FunctionInfo *C = find(Caller);
          C && !C->MayThrow && C->CalleesOutsideTry.count(Key) && !Noexcept(*C)) {
        C->MayThrow = true;
        Work.push_back(C);
      }
  }
}

bool FunctionIndex::hasUnknownCallers(const FunctionInfo &Info) {
  if (Info.CallersKnown)
    return false;
  if (Info.AddressEscapes)
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Info.FD)) {
    if (Method->getParent()->isLambda())
      return Info.Callers.empty();
    if (Method->isVirtual())
      return true;
  }
  return Info.FD->isExternallyVisible();
}

} // namespace clang::tidy::asyncctx

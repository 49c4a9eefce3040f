//===--- ScopeAnalysis.cpp - asyncctx-tidy --------------------------------===//
//
// Three steps (the rule and the terms are in ScopeAnalysis.h):
//
//  1. One traversal of the translation unit collects every function body
//     (lambda call operators and template instantiations included, template
//     patterns not), the calls each makes, the scope guards each declares,
//     and the namespace-scope variables. A function is *relevant* when it
//     calls a role function, declares a guard or starts a thread, or calls a
//     relevant function; nothing else is analysed further.
//  2. Each relevant function is analysed over its CFG. Per store, the state
//     is a set of flags: In (in scope), No (no scope, with where that began),
//     Entry (as the caller has it). Its needs (reads whose state holds Entry)
//     are its summary. A change in a function's needs queues its callers,
//     until nothing changes.
//  3. A last pass over the relevant functions and the namespace-scope
//     variables turns reads whose state holds No into facts.
//
// An edge from a call site to a callable carries what holds inside it: RUN(S)
// sets S to In, EXIT(S) sets S to No, a new thread sets every store to No,
// BIND(S) carries S as it is at the bind (and says nothing of the others).
//
//===----------------------------------------------------------------------===//

#include "ScopeAnalysis.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include <deque>
#include <optional>

namespace clang::tidy::asyncctx {
namespace {

enum Flag : unsigned { In = 1, No = 2, Entry = 4 };

/// What one store's state is at a point, with where a No began.
struct StoreState {
  StoreRef Store;
  unsigned Flags = Entry;
  NoScopeOrigin Origin = NoScopeOrigin::Main;
  SourceLocation OriginLoc;
  const NamedDecl *OriginDecl = nullptr;
  /// With In: the ENTER_WITH behind it, and the call of this function that
  /// led there when it was in a callee.
  const CallExpr *EnteredBy = nullptr;
  SourceLocation EnteredVia;

};

const Decl *classKey(const StoreRef &S) { return S.Class ? S.Class->getCanonicalDecl() : nullptr; }

/// The state of every store at a point: explicit entries for the stores the
/// function changed, the default for all others.
struct State {
  StoreState Default;
  llvm::SmallMapVector<const void *, StoreState, 4> Stores;

  static State entry() { return State(); }
  static State noScope(NoScopeOrigin Origin, SourceLocation Loc, const NamedDecl *D) {
    State S;
    S.Default.Flags = No;
    S.Default.Origin = Origin;
    S.Default.OriginLoc = Loc;
    S.Default.OriginDecl = D;
    return S;
  }

  StoreState get(const void *Key) const {
    auto It = Stores.find(Key);
    return It == Stores.end() ? Default : It->second;
  }

  void set(const StoreRef &Store, unsigned Flags, NoScopeOrigin Origin = NoScopeOrigin::Main,
           SourceLocation Loc = {}, const NamedDecl *D = nullptr) {
    StoreState &S = Stores[Store.key()];
    S = StoreState{Store, Flags, Origin, Loc, D, nullptr, SourceLocation()};
  }

  /// The flags that hold for a read of \p Store. A store named only by its
  /// class stands for every store of that class: a scope of either kind
  /// covers a read of the other.
  StoreState lookup(const StoreRef &Store) const {
    StoreState Result = get(Store.key());
    if (Result.Flags & In)
      return Result;
    for (const auto &Entry : Stores) {
      const StoreState &Other = Entry.second;
      if (!(Other.Flags & In) || !Other.Store.Class || !Store.Class ||
          classKey(Other.Store) != classKey(Store))
        continue;
      bool Covers = !Other.Store.Object || !Store.Object;
      if (Covers && Other.Flags == In)
        return Other;
    }
    return Result;
  }

  /// Joins the state of another path into this one; true if this changed.
  bool join(const State &Other) {
    bool Changed = false;
    auto Merge = [&](StoreState &Into, const StoreState &From) {
      unsigned Flags = Into.Flags | From.Flags;
      if (!(Into.Flags & No) && (From.Flags & No)) {
        Into.Origin = From.Origin;
        Into.OriginLoc = From.OriginLoc;
        Into.OriginDecl = From.OriginDecl;
      }
      if (!Into.EnteredBy && From.EnteredBy) {
        Into.EnteredBy = From.EnteredBy;
        Into.EnteredVia = From.EnteredVia;
      }
      if (Flags != Into.Flags) {
        Into.Flags = Flags;
        Changed = true;
      }
    };
    for (const auto &Entry : Other.Stores)
      if (!Stores.count(Entry.first)) {
        StoreState Mine = Default;
        Mine.Store = Entry.second.Store;
        Stores[Entry.first] = Mine;
        Changed = true;
      }
    for (auto &Entry : Stores)
      Merge(Entry.second, Other.get(Entry.first));
    Merge(Default, Other.Default);
    return Changed;
  }
};

/// A function's need: it reads a store where its state is its caller's.
struct Need {
  StoreRef Store;
  llvm::SmallVector<ChainLink, 4> Chain; // below the function: empty for its own read
  SourceLocation ReadLoc;
  const FunctionDecl *ReadFunction = nullptr;
  SourceLocation FirstLoc; // the read or call inside the function that needs it
};
using NeedMap = llvm::MapVector<const void *, Need>;

/// What a function leaves behind for the stores it changes: In where it
/// entered them, No where a DISABLE cleared them, Entry where some path
/// left them as the caller had them. Its callers continue from there.
using EffectList = llvm::SmallVector<StoreState, 2>;

bool sameEffects(const EffectList &A, const EffectList &B) {
  if (A.size() != B.size())
    return false;
  for (size_t I = 0; I < A.size(); ++I)
    if (A[I].Store.key() != B[I].Store.key() || A[I].Flags != B[I].Flags)
      return false;
  return true;
}

/// A guard's lifetime, as a source range of the block that holds it.
struct GuardRegion {
  StoreRef Store;
  SourceLocation Begin, End;
};

struct FunctionInfo {
  const FunctionDecl *FD = nullptr;
  bool TouchesStore = false;
  bool Relevant = false;
  bool AddressEscapes = false;
  /// Handed to an invocation runner, or named an invocation in the options.
  bool IsInvocation = false;
  /// Handed to a thread start: its callers are known (a new thread).
  bool StartsThread = false;
  /// Handed to BIND: it runs with the store as it was at the bind, which is
  /// where it is evaluated, not where the bound callable is called.
  bool Bound = false;
  llvm::SmallSetVector<const FunctionDecl *, 4> Callees; // calls and callables handed on
  llvm::SmallSetVector<const FunctionDecl *, 4> Callers;
  std::vector<GuardRegion> Guards;
  NeedMap Needs;
  EffectList Effects;
  unsigned Passes = 0; // analyses so far, to bound the summary iteration
  /// Built on the first analysis, kept for the passes after it.
  std::unique_ptr<CFG> Graph;
  bool GraphBuilt = false;
};

const FunctionDecl *canonical(const FunctionDecl *FD) { return FD ? FD->getCanonicalDecl() : nullptr; }

/// The function a callable argument names: an inline lambda, a variable
/// initialized with one, a function or a pointer to one.
const FunctionDecl *callableFunction(const Expr *E) {
  if (!E)
    return nullptr;
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
      continue;
    }
    if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BTE->getSubExpr();
      continue;
    }
    // A copy, or a wrapper made from the callable (std::function).
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 1) {
        E = Construct->getArg(0);
        continue;
      }
      return nullptr;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda->getCallOperator();
    // A captureless lambda converted to a function pointer.
    if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E))
      if (isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl())) {
        E = Conversion->getImplicitObjectArgument();
        continue;
      }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
        return FD;
      // A named lambda (or a reference to a function) stands for what
      // initialized it.
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD || !VD->getInit())
        return nullptr;
      E = VD->getInit();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// The argument of a role call that is the callable it runs.
const Expr *callableArgument(const CallExpr *Call, Role R) {
  unsigned Index = R == Role::Run ? 1 : 0;
  return Call->getNumArgs() > Index ? Call->getArg(Index) : nullptr;
}

/// Whether a guard sets nothing and only restores at its end (RestoresOnly).
bool restoresOnly(const Expr *Guard) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Guard))
    return hasRoleTrait(Construct->getConstructor()->getParent(), RestoresOnly);
  return hasRoleTrait(cast<CallExpr>(Guard)->getDirectCallee(), RestoresOnly);
}

/// The functions of a library's own API (a role function, a member of a
/// store or guard class) implement the roles: their bodies are not the
/// user's code to check.
bool implementsRole(const FunctionDecl *FD) {
  std::optional<Role> R = roleOf(FD);
  if (R && *R != Role::RequiresScope && *R != Role::Invocation)
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  if (!Method)
    return false;
  std::optional<Role> ClassRole = roleOf(Method->getParent());
  return ClassRole == Role::Store || ClassRole == Role::ScopeGuard;
}

/// Whether \p Loc lies in a guard's region of \p Store: the same store, or
/// one of them a store class that stands for every store of that class.
static bool inRegion(llvm::ArrayRef<GuardRegion> Regions, const StoreRef &Store,
                     SourceLocation Loc, const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  for (const GuardRegion &G : Regions) {
    bool SameStore = G.Store.key() == Store.key() ||
                     ((!G.Store.Object || !Store.Object) && classKey(G.Store) &&
                      classKey(G.Store) == classKey(Store));
    if (SameStore && !SM.isBeforeInTranslationUnit(Loc, G.Begin) &&
        SM.isBeforeInTranslationUnit(Loc, G.End))
      return true;
  }
  return false;
}

//===-- Step 1: collection ------------------------------------------------===//

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, const ScopeAnalysisOptions &Options) : Ctx(Ctx), Options(Options) {}

  llvm::MapVector<const FunctionDecl *, FunctionInfo> Functions;
  std::vector<const VarDecl *> Globals;
  /// The single places, for the checks that report them (see ScopeFacts).
  ScopeFacts *Places = nullptr;

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
    if (FD && FD->doesThisDeclarationHaveABody() && implementsRole(FD))
      return true;
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        FD->isInvalidDecl())
      return Base::TraverseDecl(D);
    return within(FD, [&] { return Base::TraverseDecl(D); });
  }

  bool TraverseLambdaExpr(LambdaExpr *E) {
    const FunctionDecl *Op = E->getCallOperator();
    if (Op->isDependentContext() || Op->isInvalidDecl())
      return Base::TraverseLambdaExpr(E);
    return within(Op, [&] { return Base::TraverseLambdaExpr(E); });
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasGlobalStorage() && !VD->isStaticLocal() && !VD->isInvalidDecl() &&
        !VD->getDeclContext()->isDependentContext() && !isa<ParmVarDecl>(VD) &&
        (VD->getInit() || VD->getType()->getAsCXXRecordDecl()))
      Globals.push_back(VD);
    if (!VD->hasGlobalStorage() || isa<ParmVarDecl>(VD) || VD->isInvalidDecl() ||
        VD->getDeclContext()->isDependentContext())
      return true;
    if (const Expr *Init = VD->getInit())
      Places->StaticStores.push_back({Init, VD, VD->getLocation()});
    if (roleOf(VD->getType()->getAsCXXRecordDecl()) == Role::ScopeGuard || guardExpr(VD->getInit()))
      Places->StaticGuards.push_back(VD);
    return true;
  }

  /// A guard kept in a data member lives as long as its object.
  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (Init->isMemberInitializer() && Current)
      if (const Expr *Guard = guardExpr(Init->getInit()); Guard && !isa<CXXConstructExpr>(Guard))
        Places->KeptGuards.push_back({Guard, Init->getMember(), Init->getSourceLocation()});
    return Base::TraverseConstructorInitializer(Init);
  }

  void keptInMember(const Expr *Target, const Expr *Value, SourceLocation Loc) {
    const auto *ME = dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts());
    if (!ME || !isa<FieldDecl>(ME->getMemberDecl()))
      return;
    if (const Expr *Guard = guardExpr(Value))
      Places->KeptGuards.push_back({Guard, ME->getMemberDecl(), Loc});
  }

  /// A test of whether a NeverNull read returned null (`if (get())`,
  /// `get() != nullptr`, `!get()`), which has one answer everywhere.
  void nullTest(const Expr *Cond) {
    if (!Cond || !Current)
      return;
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot)
      return nullTest(UO->getSubExpr());
    if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
      if (BO->isLogicalOp()) {
        nullTest(BO->getLHS());
        return nullTest(BO->getRHS());
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
        Places->NeverNullTests.push_back(Call);
  }

  bool VisitIfStmt(IfStmt *S) {
    nullTest(S->getCond());
    if (const VarDecl *VD = S->getConditionVariable())
      nullTest(VD->getInit());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) {
    nullTest(S->getCond());
    return true;
  }
  bool VisitDoStmt(DoStmt *S) {
    nullTest(S->getCond());
    return true;
  }
  bool VisitForStmt(ForStmt *S) {
    nullTest(S->getCond());
    return true;
  }
  bool VisitConditionalOperator(ConditionalOperator *E) {
    nullTest(E->getCond());
    return true;
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

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    if (const VarDecl *Target = staticTarget(BO->getLHS()))
      keptStatic(BO->getRHS(), Target, BO->getExprLoc());
    else
      keptInMember(BO->getLHS(), BO->getRHS(), BO->getExprLoc());
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (!Call->isAssignmentOp() || Call->getNumArgs() != 2)
      return true;
    if (const VarDecl *Target = staticTarget(Call->getArg(0)))
      keptStatic(Call->getArg(1), Target, Call->getExprLoc());
    else
      keptInMember(Call->getArg(0), Call->getArg(1), Call->getExprLoc());
    return true;
  }

  void keptStatic(const Expr *Value, const VarDecl *Target, SourceLocation Loc) {
    Places->StaticStores.push_back({Value, Target, Loc});
    if (const Expr *Guard = guardExpr(Value))
      Places->KeptGuards.push_back({Guard, Target, Loc});
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    if (roleOf(New->getAllocatedType()->getAsCXXRecordDecl()) == Role::ScopeGuard)
      Places->NewGuards.push_back(New);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    VisitRunnerCall(Call);
    const FunctionDecl *Callee = Call->getDirectCallee();
    std::optional<Role> R = roleOfCall(Call);
    if (R == Role::EnterWith) {
      EnterWithCalls.push_back({Call, Current});
      if (StaticInit)
        Places->EnterWithInStaticInit.push_back({Call, StaticInit});
    }
    if (R == Role::Disable)
      DisableCalls.push_back({Call, Current});
    if (const Expr *CalleeExpr = Call->getCallee())
      CalleeRefs.insert(CalleeExpr->IgnoreParenImpCasts());
    if (!Current)
      return true;
    FunctionInfo &Info = Functions[Current];
    if (R) {
      Info.TouchesStore = true;
      if (*R == Role::Run || *R == Role::Exit || *R == Role::Bind)
        handOn(Info, callableArgument(Call, *R));
      if (*R == Role::Bind)
        if (const FunctionDecl *Callable = callableFunction(callableArgument(Call, *R)))
          BoundCallables.push_back(canonical(Callable));
    } else if (startsThread(Call)) {
      Info.TouchesStore = true;
      for (const Expr *Arg : Call->arguments())
        handOnToThread(Info, Arg);
    }
    if (Callee)
      Info.Callees.insert(canonical(Callee));
    return true;
  }

  /// Calls of invocation runners, wherever they are.
  bool VisitRunnerCall(const CallExpr *Call) {
    if (!hasQualifiedName(Call->getDirectCallee(), Options.InvocationRunners))
      return true;
    for (const Expr *Arg : Call->arguments())
      if (const FunctionDecl *Callable = callableFunction(Arg))
        RunnerCallables.push_back(canonical(Callable));
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (!Current)
      return true;
    FunctionInfo &Info = Functions[Current];
    if (roleOf(Construct->getConstructor()->getParent()) == Role::ScopeGuard || startsThread(Construct))
      Info.TouchesStore = true;
    if (startsThread(Construct))
      for (const Expr *Arg : Construct->arguments())
        handOnToThread(Info, Arg);
    Info.Callees.insert(canonical(Construct->getConstructor()));
    return true;
  }

  bool VisitCompoundStmt(CompoundStmt *Block) {
    if (!Current)
      return true;
    const SourceManager &SM = Ctx.getSourceManager();
    for (const Stmt *S : Block->body()) {
      const auto *DS = dyn_cast<DeclStmt>(S);
      if (!DS) {
        // A guard made and dropped in one statement covers nothing after it.
        if (const auto *E = dyn_cast<Expr>(S))
          if (const Expr *Guard = guardExpr(E))
            Places->DiscardedGuards.push_back(Guard);
        continue;
      }
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || !VD->hasLocalStorage() || !VD->getInit())
          continue;
        const Expr *Guard = guardExpr(VD->getInit());
        if (!Guard)
          continue;
        FunctionInfo &Info = Functions[Current];
        // From the end of its declaration (a macro's, where a macro declares
        // it) to the end of its block.
        GuardRegion Region{storeOfGuard(Guard), SM.getExpansionRange(DS->getEndLoc()).getEnd(),
                           SM.getExpansionLoc(Block->getRBracLoc())};
        (restoresOnly(Guard) ? SaverRegions : Info.Guards).push_back(Region);
      }
    }
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      FunctionRefs.push_back({DRE, canonical(FD)});
    return true;
  }

  /// Marks the functions whose address is used other than to call them or
  /// to hand them to a role function or a thread.
  void finish() {
    // A set of a configured store (which has no run() to rewrite into) that
    // the same function clears after it (`MDC::put` ... `MDC::remove`, or
    // folly's `setContext(prev)` restoring what the set returned) is a manual
    // scope: its paths are the leak analysis's business, not a report of its
    // own. So is a set inside a guard that restores what was current before.
    const SourceManager &SM = Ctx.getSourceManager();
    for (const auto &Entry : EnterWithCalls) {
      const CallExpr *Call = Entry.first;
      const FunctionDecl *Function = Entry.second;
      StoreRef Store = storeOfCall(Call);
      bool ClearedLater =
          !Store.Named.empty() && Function &&
          llvm::any_of(DisableCalls, [&](const std::pair<const CallExpr *, const FunctionDecl *> &D) {
            return D.second == Function && storeOfCall(D.first).key() == Store.key() &&
                   SM.isBeforeInTranslationUnit(Call->getExprLoc(), D.first->getExprLoc());
          });
      if (!ClearedLater && !inRegion(SaverRegions, Store, Call->getExprLoc(), SM))
        Places->EnterWithCalls.push_back(Call);
    }
    for (const FunctionDecl *FD : BoundCallables)
      if (auto It = Functions.find(FD); It != Functions.end())
        It->second.Bound = true;
    for (const FunctionDecl *FD : RunnerCallables)
      if (auto It = Functions.find(FD); It != Functions.end())
        It->second.IsInvocation = true;
    for (const FunctionDecl *FD : ThreadCallables)
      if (auto It = Functions.find(FD); It != Functions.end())
        It->second.StartsThread = true;
    for (auto &Entry : Functions)
      if (Entry.second.FD && hasQualifiedName(Entry.second.FD, Options.InvocationFunctions))
        Entry.second.IsInvocation = true;
    for (const auto &Ref : FunctionRefs)
      if (!CalleeRefs.count(Ref.first) && !HandedOn.count(Ref.first))
        if (auto It = Functions.find(Ref.second); It != Functions.end())
          It->second.AddressEscapes = true;
    for (auto &Entry : Functions)
      for (const FunctionDecl *Callee : Entry.second.Callees)
        if (auto It = Functions.find(Callee); It != Functions.end())
          It->second.Callers.insert(Entry.first);
  }

private:
  using Base = RecursiveASTVisitor<Collector>;

  template <class F> bool within(const FunctionDecl *FD, F Traverse) {
    const FunctionDecl *Saved = Current;
    Current = canonical(FD);
    Functions[Current].FD = FD->getDefinition() ? FD->getDefinition() : FD;
    bool Result = Traverse();
    Current = Saved;
    return Result;
  }

  void handOnToThread(FunctionInfo &Info, const Expr *Arg) {
    handOn(Info, Arg);
    if (const FunctionDecl *Callable = callableFunction(Arg))
      ThreadCallables.push_back(canonical(Callable));
  }

  void handOn(FunctionInfo &Info, const Expr *Arg) {
    const FunctionDecl *Callable = callableFunction(Arg);
    if (!Callable)
      return;
    Info.Callees.insert(canonical(Callable));
    if (Arg)
      for (const Expr *E = Arg->IgnoreParenImpCasts();;) {
        HandedOn.insert(E);
        if (const auto *UO = dyn_cast<UnaryOperator>(E))
          E = UO->getSubExpr()->IgnoreParenImpCasts();
        else
          break;
      }
  }

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

  ASTContext &Ctx;
  const FunctionDecl *Current = nullptr;
  const VarDecl *StaticInit = nullptr;
  llvm::DenseSet<const Expr *> CalleeRefs, HandedOn;
  std::vector<std::pair<const DeclRefExpr *, const FunctionDecl *>> FunctionRefs;
  std::vector<const FunctionDecl *> BoundCallables, RunnerCallables, ThreadCallables;
  /// ENTER_WITH and DISABLE calls, with the function that makes each.
  std::vector<std::pair<const CallExpr *, const FunctionDecl *>> EnterWithCalls, DisableCalls;
  const ScopeAnalysisOptions &Options;

public:
  /// The lifetimes of guards that only restore (RestoresOnly): a value set
  /// inside one does not outlive it.
  std::vector<GuardRegion> SaverRegions;
};

//===-- Step 2 and 3: the analysis of one function ------------------------===//

class Analyzer {
public:
  Analyzer(ASTContext &Ctx, llvm::MapVector<const FunctionDecl *, FunctionInfo> &Functions,
           std::vector<ReadFact> *Facts, std::vector<LeakFact> *Leaks = nullptr)
      : Ctx(Ctx), Functions(Functions), Facts(Facts), Leaks(Leaks) {}

  /// Analyses \p Info's body from \p Start; returns the needs found, and
  /// sets \p Effects to what it leaves behind on every path.
  NeedMap analyseFunction(FunctionInfo &Info, const State &Start, EffectList *Effects = nullptr);

  /// Evaluates the calls of a namespace-scope variable's initializer, and its
  /// destruction, where no scope is active.
  void analyseGlobal(const VarDecl *VD);

private:
  void transfer(const Stmt *S, State &St, bool Record);
  void handleCall(const CallExpr *Call, State &St, bool Record);
  void handOn(const Expr *Callable, SourceLocation Loc, const State &St, bool Record,
              const StoreRef *OnlyStore = nullptr);
  void callFunction(const FunctionDecl *Callee, SourceLocation Loc, const State &St, bool Record,
                    const StoreRef *OnlyStore = nullptr,
                    llvm::ArrayRef<const Expr *> Args = {});
  /// A direct call: its needs are read here, then its effects hold.
  void callAndContinue(const FunctionDecl *Callee, SourceLocation Loc, State &St, bool Record,
                       llvm::ArrayRef<const Expr *> Args = {});
  void read(const StoreRef &Store, SourceLocation Loc, const FunctionDecl *Reader,
            llvm::ArrayRef<ChainLink> Chain, SourceLocation ReadLoc,
            const FunctionDecl *ReadFunction, const State &St, bool Record);
  bool guarded(const StoreRef &Store, SourceLocation Loc) const;
  void findLeaks(const FunctionInfo &Info,
                 llvm::ArrayRef<std::pair<const CFGBlock *, State>> EndingBlocks);

  ASTContext &Ctx;
  llvm::MapVector<const FunctionDecl *, FunctionInfo> &Functions;
  std::vector<ReadFact> *Facts;
  std::vector<LeakFact> *Leaks;
  FunctionInfo *Current = nullptr;
  NeedMap Found;

public:
  /// Where guards that only restore live (Collector::SaverRegions).
  llvm::ArrayRef<GuardRegion> SaverRegions;
};

bool Analyzer::guarded(const StoreRef &Store, SourceLocation Loc) const {
  return Current && inRegion(Current->Guards, Store, Loc, Ctx.getSourceManager());
}

void Analyzer::read(const StoreRef &Store, SourceLocation Loc, const FunctionDecl *Reader,
                    llvm::ArrayRef<ChainLink> Chain, SourceLocation ReadLoc,
                    const FunctionDecl *ReadFunction, const State &St, bool Record) {
  if (guarded(Store, Loc))
    return;
  StoreState S = St.lookup(Store);
  // A store that is a local variable of this function did not exist when the
  // function started: whatever its callers had, it had no value.
  const auto *Local = dyn_cast_or_null<VarDecl>(Store.Object);
  if ((S.Flags & Entry) && Current && Local && Local->hasLocalStorage() && !isa<ParmVarDecl>(Local) &&
      Local->getDeclContext() == Current->FD) {
    S.Flags = (S.Flags & ~unsigned(Entry)) | No;
    if (S.Flags == No) {
      S.Origin = NoScopeOrigin::NewStore;
      S.OriginLoc = Local->getLocation();
      S.OriginDecl = Local;
    }
  }
  if (S.Flags & Entry) {
    Need &N = Found[Store.key()];
    if (!N.ReadFunction) {
      N.Store = Store;
      N.ReadLoc = ReadLoc;
      N.ReadFunction = ReadFunction;
      N.FirstLoc = Loc;
      if (Reader != ReadFunction && Current)
        N.Chain.push_back({Current->FD, Reader, Loc});
      N.Chain.append(Chain.begin(), Chain.end());
    }
  }
  if (!(S.Flags & No) || !Record || !Facts)
    return;
  ReadFact Fact;
  Fact.Kind = S.Flags == No ? ReadFact::NoScope : ReadFact::NoScopeOnSomePath;
  Fact.Loc = Loc;
  Fact.Reader = Reader;
  Fact.Store = Store;
  Fact.Origin = S.Origin;
  Fact.OriginLoc = S.OriginLoc;
  Fact.OriginDecl = S.OriginDecl;
  Fact.Chain.assign(Chain.begin(), Chain.end());
  Fact.ReadLoc = ReadLoc;
  Fact.ReadFunction = ReadFunction;
  Facts->push_back(std::move(Fact));
}

/// A store the callee names by one of its parameters is, at the call, the
/// store passed for it.
static StoreRef atCall(const StoreRef &Store, const FunctionDecl *Callee,
                       llvm::ArrayRef<const Expr *> Args) {
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(Store.Object);
  if (!Param || Param->getDeclContext() != Callee)
    return Store;
  unsigned Index = Param->getFunctionScopeIndex();
  if (Index >= Args.size())
    return StoreRef{nullptr, Store.Class, {}};
  StoreRef Passed = storeOfExpr(Args[Index]);
  if (!Passed.Class)
    Passed.Class = Store.Class;
  return Passed;
}

void Analyzer::callFunction(const FunctionDecl *Callee, SourceLocation Loc, const State &St,
                            bool Record, const StoreRef *OnlyStore,
                            llvm::ArrayRef<const Expr *> Args) {
  auto It = Functions.find(canonical(Callee));
  if (It == Functions.end() || !It->second.Relevant || &It->second == Current)
    return; // a recursive call adds nothing its own reads did not
  // The analysis records into Found; summaries change only between analyses.
  for (const auto &Entry : It->second.Needs) {
    const Need &N = Entry.second;
    StoreRef Store = atCall(N.Store, It->second.FD, Args);
    if (OnlyStore && OnlyStore->key() != Store.key())
      continue;
    read(Store, Loc, It->second.FD, N.Chain, N.ReadLoc, N.ReadFunction, St, Record);
  }
}

void Analyzer::callAndContinue(const FunctionDecl *Callee, SourceLocation Loc, State &St,
                               bool Record, llvm::ArrayRef<const Expr *> Args) {
  if (auto It = Functions.find(canonical(Callee)); It != Functions.end() && It->second.Bound)
    return; // evaluated at its BIND
  callFunction(Callee, Loc, St, Record, nullptr, Args);
  auto It = Functions.find(canonical(Callee));
  if (It == Functions.end() || !It->second.Relevant || &It->second == Current)
    return;
  for (const StoreState &Effect : It->second.Effects) {
    // Entry in an effect stands for the state the caller had.
    StoreRef Store = atCall(Effect.Store, It->second.FD, Args);
    StoreState Before = St.lookup(Store);
    unsigned Flags = Effect.Flags & ~unsigned(Entry);
    if (Effect.Flags & Entry)
      Flags |= Before.Flags;
    if ((Effect.Flags & No) || !(Before.Flags & No))
      St.set(Store, Flags, Effect.Origin, Effect.OriginLoc, Effect.OriginDecl);
    else
      St.set(Store, Flags, Before.Origin, Before.OriginLoc, Before.OriginDecl);
    StoreState &After = St.Stores[Store.key()];
    if (Effect.EnteredBy) {
      After.EnteredBy = Effect.EnteredBy;
      After.EnteredVia = Loc;
    } else if (Before.Flags & In) {
      After.EnteredBy = Before.EnteredBy;
      After.EnteredVia = Before.EnteredVia;
    }
  }
}

void Analyzer::handOn(const Expr *Callable, SourceLocation Loc, const State &St, bool Record,
                      const StoreRef *OnlyStore) {
  if (const FunctionDecl *FD = callableFunction(Callable))
    callFunction(FD, Loc, St, Record, OnlyStore);
}

/// The arguments of a call, one for each parameter of the callee (a member
/// operator call passes its object first).
static llvm::ArrayRef<const Expr *> argumentsFor(const CallExpr *Call, const FunctionDecl *Callee) {
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (isa<CXXOperatorCallExpr>(Call) && Method && Method->isInstance() && !Args.empty())
    return Args.drop_front();
  return Args;
}

void Analyzer::handleCall(const CallExpr *Call, State &St, bool Record) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  SourceLocation Loc = Call->getExprLoc();
  std::optional<Role> R = roleOfCall(Call);
  if (!R) {
    if (startsThread(Call)) {
      State Fresh = State::noScope(NoScopeOrigin::Thread, Loc, Callee);
      for (const Expr *Arg : Call->arguments())
        handOn(Arg, Arg->getBeginLoc(), Fresh, Record);
      return;
    }
    if (Callee)
      callAndContinue(Callee, Loc, St, Record, argumentsFor(Call, Callee));
    return;
  }
  StoreRef Store = storeOfCall(Call);
  switch (*R) {
  case Role::EnterWith:
    St.set(Store, In);
    St.Stores[Store.key()].EnteredBy = Call;
    return;
  case Role::Disable:
    St.set(Store, No, NoScopeOrigin::Disabled, Loc, Callee);
    return;
  case Role::Read:
    read(Store, Loc, Callee, {}, Loc, Callee, St, Record);
    return;
  case Role::Run:
  case Role::Exit: {
    State Inside = St;
    if (*R == Role::Run)
      Inside.set(Store, In);
    else
      Inside.set(Store, No, NoScopeOrigin::Exit, Loc, Callee);
    const Expr *Arg = callableArgument(Call, *R);
    if (Arg)
      handOn(Arg, Arg->getBeginLoc(), Inside, Record);
    return;
  }
  case Role::Bind: {
    const Expr *Arg = callableArgument(Call, *R);
    if (Arg)
      handOn(Arg, Arg->getBeginLoc(), St, Record, &Store);
    return;
  }
  default:
    callAndContinue(Callee, Loc, St, Record, argumentsFor(Call, Callee));
    return;
  }
}

void Analyzer::transfer(const Stmt *S, State &St, bool Record) {
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    handleCall(Call, St, Record);
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    if (startsThread(Construct)) {
      State Fresh = State::noScope(NoScopeOrigin::Thread, Construct->getBeginLoc(),
                                   Construct->getConstructor()->getParent());
      for (const Expr *Arg : Construct->arguments())
        handOn(Arg, Arg->getBeginLoc(), Fresh, Record);
    } else {
      callAndContinue(Construct->getConstructor(), Construct->getBeginLoc(), St, Record,
                      llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs()));
    }
  }
}

NeedMap Analyzer::analyseFunction(FunctionInfo &Info, const State &Start, EffectList *Effects) {
  Current = &Info;
  Found.clear();
  const FunctionDecl *FD = Info.FD;
  if (!Info.GraphBuilt) {
    CFG::BuildOptions Options;
    Options.AddInitializers = true;
    Info.Graph = CFG::buildCFG(FD, FD->getBody(), &Ctx, Options);
    Info.GraphBuilt = true;
  }
  const CFG *Graph = Info.Graph.get();
  if (!Graph)
    return {};

  // The state at each block's entry, to a fixed point (the flags per store
  // only grow, so this ends).
  std::vector<std::optional<State>> AtEntry(Graph->getNumBlockIDs());
  AtEntry[Graph->getEntry().getBlockID()] = Start;
  std::deque<const CFGBlock *> Work{&Graph->getEntry()};
  llvm::DenseSet<const CFGBlock *> Queued{&Graph->getEntry()};
  while (!Work.empty()) {
    const CFGBlock *Block = Work.front();
    Work.pop_front();
    Queued.erase(Block);
    State St = *AtEntry[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        transfer(S->getStmt(), St, /*Record=*/false);
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs()) {
      const CFGBlock *Next = Succ.getReachableBlock();
      if (!Next)
        continue;
      std::optional<State> &Into = AtEntry[Next->getBlockID()];
      bool Changed = !Into;
      if (!Into)
        Into = St;
      else
        Changed = Into->join(St);
      if (Changed && Queued.insert(Next).second)
        Work.push_back(Next);
    }
  }
  Found.clear(); // the needs of the recording pass below are the final ones
  if (Effects) {
    Effects->clear();
    if (const std::optional<State> &AtExit = AtEntry[Graph->getExit().getBlockID()])
      for (const auto &Item : AtExit->Stores) {
        const StoreState &S = Item.second;
        if (S.Flags != Entry)
          Effects->push_back(S);
      }
  }

  // One recording pass with the final states.
  bool FindLeaks = Leaks && Start.Default.Flags == No &&
                   Start.Default.Origin == NoScopeOrigin::Invocation;
  std::vector<std::pair<const CFGBlock *, State>> EndingBlocks;
  for (const CFGBlock *Block : *Graph) {
    if (!AtEntry[Block->getBlockID()])
      continue; // unreachable
    State St = *AtEntry[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        transfer(S->getStmt(), St, /*Record=*/true);
    if (FindLeaks && llvm::any_of(Block->succs(), [&](const CFGBlock::AdjacentBlock &Succ) {
          return Succ.getReachableBlock() == &Graph->getExit();
        }))
      EndingBlocks.emplace_back(Block, std::move(St));
  }
  if (FindLeaks)
    findLeaks(Info, EndingBlocks);
  Current = nullptr;
  return std::move(Found);
}

/// Where a block ends the function: its return or throw, else the body's end.
static SourceLocation endOf(const CFGBlock *Block, const FunctionDecl *FD) {
  for (auto It = Block->rbegin(); It != Block->rend(); ++It)
    if (std::optional<CFGStmt> S = It->getAs<CFGStmt>()) {
      if (isa<ReturnStmt, CXXThrowExpr, CoreturnStmt>(S->getStmt()))
        return S->getStmt()->getBeginLoc();
      break;
    }
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody()))
    return Body->getRBracLoc();
  return FD->getEndLoc();
}

void Analyzer::findLeaks(const FunctionInfo &Info,
                         llvm::ArrayRef<std::pair<const CFGBlock *, State>> EndingBlocks) {
  // One fact per ENTER_WITH: the first path that ends with its value current.
  llvm::SmallPtrSet<const CallExpr *, 4> Seen;
  for (const auto &[Block, St] : EndingBlocks)
    for (const auto &Entry : St.Stores) {
      const StoreState &S = Entry.second;
      if (!(S.Flags & In) || !S.EnteredBy || !Seen.insert(S.EnteredBy).second ||
          inRegion(SaverRegions, S.Store, S.EnteredBy->getExprLoc(), Ctx.getSourceManager()))
        continue;
      Leaks->push_back({S.Store, S.EnteredBy, Info.FD, S.EnteredVia, endOf(Block, Info.FD)});
    }
}

/// Visits the calls of an initializer, not those inside the lambdas it
/// makes (a lambda is a function of its own, called or not).
class InitializerCalls : public RecursiveASTVisitor<InitializerCalls> {
public:
  std::vector<const Stmt *> Calls;
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *E) {
    Calls.push_back(E);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    Calls.push_back(E);
    return true;
  }
};

void Analyzer::analyseGlobal(const VarDecl *VD) {
  Current = nullptr;
  if (const Expr *Init = VD->getInit()) {
    State St = State::noScope(NoScopeOrigin::GlobalInit, VD->getLocation(), VD);
    InitializerCalls Calls;
    Calls.TraverseStmt(const_cast<Expr *>(Init));
    for (const Stmt *Call : Calls.Calls)
      transfer(Call, St, /*Record=*/true);
  }
  if (const CXXRecordDecl *Record = VD->getType()->getAsCXXRecordDecl())
    if (Record->hasDefinition())
      if (const CXXDestructorDecl *Dtor = Record->getDestructor())
        callFunction(Dtor, VD->getLocation(),
                     State::noScope(NoScopeOrigin::GlobalDestroy, VD->getLocation(), VD),
                     /*Record=*/true);
}

/// How a function starts: with no scope, or with its callers' state (a
/// thread's callable too: the edge from the thread's start says that it has
/// none). Decided from the declaration and the collected facts, never from
/// the parent map, which would cost a walk of the whole translation unit.
State startOf(const FunctionInfo &Info) {
  const FunctionDecl *FD = Info.FD;
  if (FD->isMain())
    return State::noScope(NoScopeOrigin::Main, FD->getLocation(), FD);
  if (Info.IsInvocation || roleOf(FD) == Role::Invocation)
    return State::noScope(NoScopeOrigin::Invocation, FD->getLocation(), FD);
  return State::entry();
}

bool hasUnknownCallers(const FunctionInfo &Info) {
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

} // namespace

ScopeFacts analyseScopes(ASTContext &Ctx, const ScopeAnalysisOptions &Options) {
  ScopeFacts Result;
  Collector Collect(Ctx, Options);
  Collect.Places = &Result;
  Collect.TraverseDecl(Ctx.getTranslationUnitDecl());
  Collect.finish();
  auto &Functions = Collect.Functions;

  // Relevant: touches a store, or calls (or hands on) a relevant function.
  std::deque<FunctionInfo *> Work;
  for (auto &Entry : Functions)
    if (Entry.second.TouchesStore && Entry.second.FD) {
      Entry.second.Relevant = true;
      Work.push_back(&Entry.second);
    }
  while (!Work.empty()) {
    FunctionInfo *Info = Work.front();
    Work.pop_front();
    for (const FunctionDecl *Caller : Info->Callers) {
      FunctionInfo &C = Functions[Caller];
      if (!C.Relevant && C.FD) {
        C.Relevant = true;
        Work.push_back(&C);
      }
    }
  }

  // Needs, to a fixed point: a function's needs only grow.
  Analyzer Summaries(Ctx, Functions, nullptr);
  llvm::SetVector<FunctionInfo *> Queue;
  for (auto &Entry : Functions)
    if (Entry.second.Relevant)
      Queue.insert(&Entry.second);
  while (!Queue.empty()) {
    FunctionInfo *Info = Queue.pop_back_val();
    EffectList Effects;
    NeedMap Found = Summaries.analyseFunction(*Info, startOf(*Info), &Effects);
    bool Changed = false;
    for (auto &Entry : Found)
      if (Info->Needs.insert({Entry.first, Entry.second}).second)
        Changed = true;
    // Needs only grow; effects can change while callees settle, so they are
    // bounded by a number of passes rather than by monotonicity.
    if (!sameEffects(Effects, Info->Effects) && ++Info->Passes < 16) {
      Info->Effects = std::move(Effects);
      Changed = true;
    }
    if (Changed)
      for (const FunctionDecl *Caller : Info->Callers)
        if (FunctionInfo &C = Functions[Caller]; C.Relevant)
          Queue.insert(&C);
  }

  std::vector<ReadFact> &Facts = Result.Reads;
  Analyzer Reporter(Ctx, Functions, &Facts, &Result.Leaks);
  Reporter.SaverRegions = Collect.SaverRegions;
  for (auto &Entry : Functions)
    if (Entry.second.Relevant)
      Reporter.analyseFunction(Entry.second, startOf(Entry.second));
  for (const VarDecl *VD : Collect.Globals)
    Reporter.analyseGlobal(VD);

  if (Options.StrictMode)
    for (auto &Entry : Functions) {
      const FunctionInfo &Info = Entry.second;
      if (!Info.Relevant || Info.Needs.empty() || !hasUnknownCallers(Info) ||
          roleOf(Info.FD) == Role::RequiresScope ||
          Info.IsInvocation || Info.FD->isMain() || roleOf(Info.FD) == Role::Invocation ||
          Info.StartsThread)
        continue;
      for (const auto &NeedEntry : Info.Needs) {
        const Need &N = NeedEntry.second;
        ReadFact Fact;
        Fact.Kind = ReadFact::UnknownCallers;
        Fact.Loc = N.FirstLoc;
        Fact.Reader = N.Chain.empty() ? N.ReadFunction : N.Chain.front().Callee;
        Fact.Store = N.Store;
        Fact.OriginDecl = Info.FD;
        Fact.OriginLoc = Info.FD->getLocation();
        if (!N.Chain.empty())
          Fact.Chain.assign(N.Chain.begin() + 1, N.Chain.end());
        Fact.ReadLoc = N.ReadLoc;
        Fact.ReadFunction = N.ReadFunction;
        Facts.push_back(std::move(Fact));
      }
    }
  return Result;
}

namespace {
struct SharedFacts {
  const ASTContext *Ctx = nullptr;
  const RoleConfig *Config = nullptr;
  std::vector<std::string> Runners, Functions;
  ScopeFacts Facts;
};
thread_local SharedFacts Shared;
} // namespace

const ScopeFacts &sharedScopeFacts(ASTContext &Ctx, const ScopeAnalysisOptions &Options) {
  if (Shared.Ctx != &Ctx || Shared.Config != currentRoleConfig() ||
      Shared.Runners != Options.InvocationRunners ||
      Shared.Functions != Options.InvocationFunctions) {
    ScopeAnalysisOptions Everything = Options;
    Everything.StrictMode = true;
    Shared.Facts = analyseScopes(Ctx, Everything);
    Shared.Ctx = &Ctx;
    Shared.Config = currentRoleConfig();
    Shared.Runners = Options.InvocationRunners;
    Shared.Functions = Options.InvocationFunctions;
  }
  return Shared.Facts;
}

void forgetSharedScopeFacts() {
  Shared = SharedFacts();
  forgetKnownRoles();
}

} // namespace clang::tidy::asyncctx

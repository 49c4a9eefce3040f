//===--- FunctionSteps.cpp - asyncctx-tidy --------------------------------===//

#include "FunctionSteps.h"
#include "AnalysisContext.h"
#include "DeferredWork.h"
#include "FunctionIndex.h"
#include "RoleConfig.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::asyncctx {

/// The arguments of a call, one for each parameter of the callee (a member
/// operator call passes its object first).
static llvm::ArrayRef<const Expr *> argumentsFor(const CallExpr *Call, const FunctionDecl *Callee) {
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (isa<CXXOperatorCallExpr>(Call) && Method && Method->isInstance() && !Args.empty())
    return Args.drop_front();
  return Args;
}

class FunctionSteps::Builder {
public:
  Builder(const AnalysisContext &Context, const FunctionIndex &Index, const FunctionDecl *Function,
          FunctionSteps &Out)
      : Context(Context), Roles(Context.Roles), Index(Index), Function(Function), Out(Out),
        CarriesContext(Function && carriesContext(Roles, Function)) {}

  void statement(const Stmt *S);
  void destructor(const VarDecl *VD);
  /// The items whose carried context this function installs, and its store.
  const llvm::SmallDenseMap<const VarDecl *, StoreRef, 4> &installed() const { return Installed; }

private:
  /// A guard begins in \p Holder, a local variable.
  void guardBegins(const Stmt *S, const VarDecl *Holder, const Expr *Guard);
  /// `Target = Guard` into a local variable or a member of one.
  void guardAssigned(const Stmt *S, const Expr *Target, const Expr *Value);
  /// `token.reset()`, `token = nullptr`, `token.release()` on a local holder.
  bool tokenOp(const CallExpr *Call);
  void call(const CallExpr *Call);
  void construction(const CXXConstructExpr *Construct);
  void handoffs(const Expr *Consumer);
  /// A Call step for \p Callee, where it has a summary to read.
  void callOf(const FunctionDecl *Callee, const Stmt *S, SourceLocation Loc,
              llvm::ArrayRef<const Expr *> Args);
  void suspend(const Stmt *S, SourceLocation Keyword, bool IsYield);
  /// Deferred work (utils/DeferredWork): a call that runs an item's work, a
  /// call that captures the context implicitly, a context installed from an
  /// item.
  void deferredWork(const CallExpr *Call, std::optional<Role> R);
  void noteInstall(const Expr *Value, const StoreRef &Store);
  bool reachedFromOwnCallback(const CXXRecordDecl *CallbackClass) const;
  Step &add(Step::Kind K, const Stmt *S, SourceLocation Loc) {
    Step &New = Out.Steps.emplace_back();
    New.K = K;
    New.S = S;
    New.Loc = Loc;
    return New;
  }

  const AnalysisContext &Context;
  const RoleLayer &Roles;
  const FunctionIndex &Index;
  const FunctionDecl *Function;
  FunctionSteps &Out;
  bool CarriesContext;
  /// The function's items, found when its first call that may run one is.
  std::optional<WorkItems> Items;
  llvm::SmallDenseMap<const VarDecl *, StoreRef, 4> Installed;
};

void FunctionSteps::Builder::callOf(const FunctionDecl *Callee, const Stmt *S, SourceLocation Loc,
                                    llvm::ArrayRef<const Expr *> Args) {
  const FunctionInfo *Info = Index.find(Callee);
  // A function of another file that the analysis follows: its needs and
  // effects come from that file's facts.
  if (!Info && Index.Elsewhere.count(Callee->getCanonicalDecl())) {
    Step &New = add(Step::Kind::Call, S, Loc);
    New.Callee = Callee->getCanonicalDecl();
    New.Args = Args;
    return;
  }
  // Not analysed here, or evaluated at its BIND; a recursive call reads
  // nothing of its own summary.
  if (!Info || !Info->Relevant || Info->Bound ||
      (Function && Info->FD->getCanonicalDecl() == Function->getCanonicalDecl()))
    return;
  Step &New = add(Step::Kind::Call, S, Loc);
  New.Callee = Info->FD;
  New.Args = Args;
}

void FunctionSteps::Builder::handoffs(const Expr *Consumer) {
  for (const Handoff &H : handoffsOf(Roles, Consumer)) {
    HandoffStep HS;
    HS.H = H;
    if (const auto *Call = dyn_cast<CallExpr>(Consumer)) {
      HS.At = Call->getExprLoc();
      HS.By = Call->getDirectCallee();
    } else {
      HS.At = Consumer->getBeginLoc();
      HS.By = cast<CXXConstructExpr>(Consumer)->getConstructor()->getParent();
    }
    HS.Inline = H.Inline;
    Step &New = add(Step::Kind::Handoff, Consumer, H.Arg->getBeginLoc());
    New.HandoffIndex = Out.Handoffs.size();
    Out.Handoffs.push_back(std::move(HS));
    // Run in place, before the call returns: what it leaves behind holds
    // after the call, as a callee's effects do.
    if (H.Where == RunsIn::InPlace)
      if (const FunctionInfo *Info = Index.find(H.Callable); Info && Info->Relevant) {
        Step &Effects = add(Step::Kind::Effects, Consumer, H.Arg->getBeginLoc());
        Effects.Callee = Info->FD;
      }
  }
}

void FunctionSteps::Builder::guardBegins(const Stmt *S, const VarDecl *Holder, const Expr *Guard) {
  Step &New = add(Step::Kind::GuardBegins, S, Holder->getLocation());
  New.Var = Holder;
  New.Store = Roles.storeOfGuard(Guard);
  New.Clears = Roles.guardClears(Guard);
  if (New.Clears) // what the origin of its No names
    New.Callee = isa<CXXConstructExpr>(Guard) ? cast<CXXConstructExpr>(Guard)->getConstructor()
                                              : cast<CallExpr>(Guard)->getDirectCallee();
  if (const auto *GuardConstruct = dyn_cast<CXXConstructExpr>(Guard)) {
    New.RestoresOnly = Roles.hasTrait(GuardConstruct->getConstructor()->getParent(), RestoresOnly);
    for (const Expr *Arg : GuardConstruct->arguments())
      noteInstall(Arg, New.Store);
  } else {
    New.RestoresOnly = Roles.hasTrait(cast<CallExpr>(Guard)->getDirectCallee(), RestoresOnly);
  }
}

void FunctionSteps::Builder::guardAssigned(const Stmt *S, const Expr *Target, const Expr *Value) {
  if (const Expr *Guard = Roles.guardExpr(Value))
    if (const VarDecl *Holder = localRoot(Target))
      guardBegins(S, Holder, Guard);
}

bool FunctionSteps::Builder::tokenOp(const CallExpr *Call) {
  TokenCall Token = tokenCall(Call, Context.AST);
  const VarDecl *Holder = Token.Op == TokenOp::None ? nullptr : localRoot(Token.Holder);
  if (!Holder || (!Index.GuardHolders.count(Holder) && !Roles.guardExpr(Holder->getInit())))
    return false;
  add(Token.Op == TokenOp::Release ? Step::Kind::GuardReleased : Step::Kind::GuardEnds, Call,
      Call->getExprLoc())
      .Var = Holder;
  return true;
}

void FunctionSteps::Builder::call(const CallExpr *Call) {
  if (tokenOp(Call))
    return;
  if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(Call);
      Assign && Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2)
    guardAssigned(Call, Assign->getArg(0), Assign->getArg(1));
  const FunctionDecl *Callee = Call->getDirectCallee();
  SourceLocation Loc = Call->getExprLoc();
  std::optional<Role> R = Roles.roleOfCall(Call);
  if (R == Role::EnterWith || R == Role::Disable || R == Role::Read) {
    // A read that returns a default where no scope is active is no defect
    // there (its null tests are: utils/PlaceFinder).
    if (R == Role::Read && Roles.hasTrait(Callee, NeverNull))
      return;
    Step &New = add(R == Role::EnterWith ? Step::Kind::Enter
                    : R == Role::Disable ? Step::Kind::Disable
                                         : Step::Kind::Read,
                    Call, Loc);
    New.Store = Roles.storeOfCall(Call);
    New.Callee = Callee;
    if (R == Role::EnterWith && Call->getNumArgs() > 0)
      noteInstall(Call->getArg(Call->getNumArgs() - 1), New.Store);
    return;
  }
  handoffs(Call);
  deferredWork(Call, R);
  if (R == Role::Run || R == Role::Exit || R == Role::Bind || spawns(Roles, Call))
    return;
  // A call through a local variable that holds one known function is a
  // call of it.
  const FunctionDecl *Through = calledThrough(
      Call, [&](const VarDecl *VD) { return Index.Reassigned.count(VD) != 0; });
  if (Through)
    callOf(Through, Call, Loc, {});
  else if (Callee)
    callOf(Callee, Call, Loc, argumentsFor(Call, Callee));
  const FunctionDecl *Called = Through ? Through : Callee;
  const FunctionInfo *Info = Index.find(Called);
  bool MayThrow = Info ? Info->MayThrow
                       : Called && Index.ThrowsElsewhere.count(Called->getCanonicalDecl());
  if (MayThrow && !Out.tryHolding(Call->getBeginLoc()))
    add(Step::Kind::Throws, Call, Loc).Callee = Info ? Info->FD : Called->getCanonicalDecl();
}

void FunctionSteps::Builder::construction(const CXXConstructExpr *Construct) {
  handoffs(Construct);
  if (!startsThread(Construct))
    callOf(Construct->getConstructor(), Construct, Construct->getBeginLoc(),
           llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs()));
}

void FunctionSteps::Builder::suspend(const Stmt *S, SourceLocation Keyword, bool IsYield) {
  if (!Function || CarriesContext)
    return;
  add(Step::Kind::Suspend, S, Keyword).IsYield = IsYield;
}

void FunctionSteps::Builder::statement(const Stmt *S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(S)) {
    if (!Await->isImplicit() && !carriesContext(Roles, Await))
      suspend(S, Await->getKeywordLoc(), false);
  } else if (const auto *Yield = dyn_cast<CoyieldExpr>(S)) {
    suspend(S, Yield->getKeywordLoc(), true);
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    call(Call);
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    construction(Construct);
  } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    // A guard's scope begins once its variable is initialised.
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->hasLocalStorage())
        if (const Expr *Guard = Roles.guardExpr(VD->getInit()))
          guardBegins(DS, VD, Guard);
  } else if (const auto *Assign = dyn_cast<BinaryOperator>(S);
             Assign && Assign->getOpcode() == BO_Assign) {
    guardAssigned(S, Assign->getLHS(), Assign->getRHS());
  }
}

void FunctionSteps::Builder::destructor(const VarDecl *VD) {
  if (Roles.guardExpr(VD->getInit()) || Index.GuardHolders.count(VD))
    add(Step::Kind::GuardEnds, nullptr, VD->getLocation()).Var = VD;
  // A restore written in a scope-exit guard (`SCOPE_EXIT { setContext(prev); }`)
  // takes effect where the guard is destroyed. Only its effects: a read in
  // it is not checked there.
  if (const FunctionDecl *AtEnd = runsAtDestruction(Roles, VD))
    if (const FunctionInfo *Info = Index.find(AtEnd); Info && Info->Relevant) {
      Step &New = add(Step::Kind::Effects, nullptr, VD->getLocation());
      New.Var = VD;
      New.Callee = Info->FD;
    }
}

void FunctionSteps::Builder::noteInstall(const Expr *Value, const StoreRef &Store) {
  if (const VarDecl *Item = carriedContext(Value).second)
    Installed.try_emplace(Item, Store);
}

void FunctionSteps::Builder::deferredWork(const CallExpr *Call, std::optional<Role> R) {
  if (!Function)
    return;
  if (R == Role::CapturesContext) {
    if (std::optional<ImplicitCapture> Capture = implicitCapture(Roles, Call)) {
      Step &New = add(Step::Kind::Captures, Call, Call->getExprLoc());
      New.Callee = Call->getDirectCallee();
      New.SelfRescheduling = Capture->Self && reachedFromOwnCallback(Capture->CallbackClass);
    }
    return;
  }
  if (!isa<CXXOperatorCallExpr, CXXMemberCallExpr>(Call))
    return;
  if (!Items)
    Items.emplace(Function);
  if (std::optional<WorkRun> Run = Items->runOf(Call)) {
    Step &New = add(Step::Kind::RunsWork, Call, Call->getExprLoc());
    New.Var = Run->Item;
    New.Work = Run->What;
    New.FromQueue = Run->FromQueue;
  }
}

/// Whether this function is a member of a class that is reached, through
/// members of the same class, from its override of a virtual method of
/// \p CallbackClass (the callback that a schedule of it runs: its
/// `timeoutExpired`).
bool FunctionSteps::Builder::reachedFromOwnCallback(const CXXRecordDecl *CallbackClass) const {
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  if (!Method || Method->getParent()->isLambda() || !CallbackClass ||
      !CallbackClass->hasDefinition())
    return false;
  auto IsCallback = [&](const CXXMethodDecl *M) {
    return llvm::any_of(M->overridden_methods(), [&](const CXXMethodDecl *Overridden) {
      const CXXRecordDecl *Base = Overridden->getParent()->getCanonicalDecl();
      return Base == CallbackClass->getCanonicalDecl() ||
             CallbackClass->getDefinition()->isDerivedFrom(Base);
    });
  };
  const CXXRecordDecl *Class = Method->getParent()->getCanonicalDecl();
  llvm::SmallVector<const FunctionDecl *, 4> Work{Method->getCanonicalDecl()};
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen{Method->getCanonicalDecl()};
  for (unsigned Depth = 0; Depth < 4 && !Work.empty(); ++Depth) {
    llvm::SmallVector<const FunctionDecl *, 4> Next;
    for (const FunctionDecl *FD : Work) {
      const auto *M = dyn_cast<CXXMethodDecl>(FD);
      if (!M || M->getParent()->getCanonicalDecl() != Class)
        continue;
      if (IsCallback(M))
        return true;
      if (const FunctionInfo *Info = Index.find(FD))
        for (const FunctionDecl *Caller : Info->Callers)
          if (Seen.insert(Caller).second)
            Next.push_back(Caller);
    }
    Work = std::move(Next);
  }
  return false;
}

void FunctionSteps::markCarriedContexts(
    const llvm::SmallDenseMap<const VarDecl *, StoreRef, 4> &Installed) {
  if (Installed.empty())
    return;
  for (Step &S : Steps)
    if (S.K == Step::Kind::RunsWork)
      if (auto It = Installed.find(S.Var); It != Installed.end()) {
        S.ItemCarriesContext = true;
        S.Store = It->second;
      }
}

namespace {
/// The guards declared in a try block, not in the lambdas written there.
class GuardsDeclared : public RecursiveASTVisitor<GuardsDeclared> {
public:
  explicit GuardsDeclared(const RoleLayer &Roles) : Roles(Roles) {}
  std::vector<const VarDecl *> Found;
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasLocalStorage() && Roles.guardExpr(VD->getInit()))
      Found.push_back(VD);
    return true;
  }

private:
  const RoleLayer &Roles;
};
} // namespace

void FunctionSteps::mapTryBlocks(const AnalysisContext &Context, const CFG &Graph) {
  const SourceManager &SM = Context.AST.getSourceManager();
  TrySources = &SM;
  for (const CFGBlock *Block : Graph)
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(Block->getTerminatorStmt())) {
      SourceRange Range(SM.getExpansionLoc(Try->getTryBlock()->getBeginLoc()),
                        SM.getExpansionLoc(Try->getTryBlock()->getEndLoc()));
      Tries.emplace_back(Range, Block);
      GuardsDeclared Guards(Context.Roles);
      Guards.TraverseStmt(const_cast<CompoundStmt *>(Try->getTryBlock()));
      Unwound[Block] = std::move(Guards.Found);
    }
  if (Tries.empty())
    return;
  // A block is in the innermost try block that holds one of its statements
  // (the last one: a block can begin before a try block).
  Dispatch.assign(Graph.getNumBlockIDs(), nullptr);
  for (const CFGBlock *Block : Graph)
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        if (const CFGBlock *D = tryHolding(S->getStmt()->getBeginLoc()); D && D != Block)
          Dispatch[Block->getBlockID()] = D;
}

const CFGBlock *FunctionSteps::tryHolding(SourceLocation Loc) const {
  if (Tries.empty())
    return nullptr;
  const SourceManager &SM = *TrySources;
  SourceLocation At = SM.getExpansionLoc(Loc);
  const std::pair<SourceRange, const CFGBlock *> *Innermost = nullptr;
  for (const auto &Try : Tries)
    if (!SM.isBeforeInTranslationUnit(At, Try.first.getBegin()) &&
        !SM.isBeforeInTranslationUnit(Try.first.getEnd(), At) &&
        (!Innermost || SM.isBeforeInTranslationUnit(Innermost->first.getBegin(), Try.first.getBegin())))
      Innermost = &Try;
  return Innermost ? Innermost->second : nullptr;
}

unsigned FunctionSteps::tryBeginsAt(const CFGBlock &Block) const {
  return TryBegins.empty() ? 0 : TryBegins[Block.getBlockID()];
}

const CFGBlock *FunctionSteps::dispatchOf(const CFGBlock &Block) const {
  return Dispatch.empty() ? nullptr : Dispatch[Block.getBlockID()];
}

llvm::ArrayRef<const VarDecl *> FunctionSteps::unwoundAt(const CFGBlock &DispatchBlock) const {
  auto It = Unwound.find(&DispatchBlock);
  if (It == Unwound.end())
    return {};
  return It->second;
}

FunctionSteps::FunctionSteps(const AnalysisContext &Context, const FunctionIndex &Index,
                             const FunctionDecl *Function, const CFG &Graph) {
  mapTryBlocks(Context, Graph);
  Builder Build(Context, Index, Function, *this);
  BlockBegin.assign(Graph.getNumBlockIDs() + 1, 0);
  // Blocks in ID order, so that each block's steps are one range.
  std::vector<const CFGBlock *> ByID(Graph.getNumBlockIDs());
  for (const CFGBlock *Block : Graph)
    ByID[Block->getBlockID()] = Block;
  for (unsigned ID = 0; ID < ByID.size(); ++ID) {
    BlockBegin[ID] = Steps.size();
    if (!ByID[ID])
      continue;
    for (const CFGElement &Element : *ByID[ID]) {
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        Build.statement(S->getStmt());
      else if (std::optional<CFGAutomaticObjDtor> Dtor = Element.getAs<CFGAutomaticObjDtor>())
        Build.destructor(Dtor->getVarDecl());
    }
  }
  BlockBegin.back() = Steps.size();
  markCarriedContexts(Build.installed());
  if (Dispatch.empty())
    return;
  TryBegins.assign(Graph.getNumBlockIDs(), 0);
  for (unsigned ID = 0; ID < ByID.size(); ++ID)
    if (const CFGBlock *D = ByID[ID] ? Dispatch[ID] : nullptr) {
      llvm::ArrayRef<Step> Mine = of(*ByID[ID]);
      const Step *First = llvm::find_if(Mine, [&](const Step &S) { return tryHolding(S.Loc) == D; });
      TryBegins[ID] = First - Mine.begin();
    }
}

FunctionSteps::FunctionSteps(const AnalysisContext &Context, const FunctionIndex &Index,
                             llvm::ArrayRef<const Stmt *> Statements) {
  Builder Build(Context, Index, nullptr, *this);
  for (const Stmt *S : Statements)
    Build.statement(S);
  BlockBegin = {0, unsigned(Steps.size())};
}

llvm::ArrayRef<Step> FunctionSteps::of(const CFGBlock &Block) const {
  unsigned ID = Block.getBlockID();
  return llvm::ArrayRef(Steps).slice(BlockBegin[ID], BlockBegin[ID + 1] - BlockBegin[ID]);
}

} // namespace clang::tidy::asyncctx

//===--- RewriteSafety.cpp - asyncctx-tidy --------------------------------===//
//
// May an ENTER_WITH call be rewritten into RUN, and if not, why?
//
// The wrapped statements are the rest of the call's block, or those up to a
// DISABLE of the same store. The rewrite is blocked where the call is not a
// statement of its own, in a macro, or not called with one value; where the
// statements would change meaning inside a lambda (utils/WrappedCode); where
// a name they declare is used after the DISABLE; and where an ENTER_WITH
// before them would wrap this call in its own rewrite: clang-tidy drops
// overlapping fixes, so the two would be applied in two separate -fix runs
// and -fix would not settle.
//
//===----------------------------------------------------------------------===//

#include "RewriteSafety.h"
#include "Roles.h"
#include "ScopeFacts.h"
#include "WrappedCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::asyncctx {
namespace {

using Reason = RewriteRefusal::Reason;

/// The call of role \p R that \p S is, as a statement of its own.
const CallExpr *roleCallStatement(const RoleLayer &Roles, const Stmt *S, Role R) {
  if (const auto *EWC = dyn_cast_or_null<ExprWithCleanups>(S))
    S = EWC->getSubExpr();
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  if (!Call || Roles.roleOfCall(Call) != R)
    return nullptr;
  return Call;
}

/// The first preprocessor conditional directive in [Begin, End) that the
/// range does not hold whole: an `#else`, `#elif` or `#endif` of a
/// conditional opened before Begin, or an `#if` not closed by End. Its name
/// goes to \p Directive; the location is invalid when there is none.
SourceLocation crossedConditional(SourceLocation Begin, SourceLocation End,
                                  const SourceManager &SM, const LangOptions &LO,
                                  std::string &Directive) {
  std::pair<FileID, unsigned> Start = SM.getDecomposedLoc(Begin);
  unsigned EndOffset = SM.getFileOffset(End);
  llvm::StringRef Buffer = SM.getBufferData(Start.first);
  Lexer Raw(SM.getLocForStartOfFile(Start.first), LO, Buffer.begin(),
            Buffer.begin() + Start.second, Buffer.end());
  llvm::SmallVector<std::pair<SourceLocation, llvm::StringRef>, 4> Open;
  Token Tok;
  while (!Raw.LexFromRawLexer(Tok) && SM.getFileOffset(Tok.getLocation()) < EndOffset) {
    if (!Tok.is(tok::hash) || !Tok.isAtStartOfLine())
      continue;
    SourceLocation At = Tok.getLocation();
    if (Raw.LexFromRawLexer(Tok) || !Tok.is(tok::raw_identifier))
      continue;
    llvm::StringRef Name = Tok.getRawIdentifier();
    if (Name == "if" || Name == "ifdef" || Name == "ifndef") {
      Open.emplace_back(At, Name);
    } else if (Name == "else" || Name.starts_with("elif") || Name == "endif") {
      if (Open.empty()) {
        Directive = Name.str();
        return At;
      }
      if (Name == "endif")
        Open.pop_back();
    }
  }
  if (Open.empty())
    return {};
  Directive = Open.front().second.str();
  return Open.front().first;
}

/// The function whose body holds \p FD's: FD itself, or for a lambda the
/// function it is written in (whose parent map then covers the lambda).
const FunctionDecl *outermostFunction(const FunctionDecl *FD) {
  while (const auto *Method = dyn_cast<CXXMethodDecl>(FD)) {
    if (!Method->getParent()->isLambda())
      break;
    const auto *Outer = dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext());
    if (!Outer || !Outer->getBody())
      break;
    FD = Outer;
  }
  return FD;
}

} // namespace

struct RunRewriteCache::BlockInfo {
  llvm::DenseMap<const Stmt *, unsigned> IndexOf;
  /// Per statement: the last ENTER_WITH statement before it that no DISABLE
  /// of its store has closed since, or null.
  std::vector<const CallExpr *> OpenBefore;
  /// Per store: the positions of its DISABLE statements, in order.
  llvm::DenseMap<const void *, std::vector<unsigned>> Disables;
};

RunRewriteCache::RunRewriteCache(const RoleLayer &Roles) : Roles(Roles) {}
RunRewriteCache::~RunRewriteCache() = default;

const RunRewriteCache::BlockInfo &RunRewriteCache::info(const CompoundStmt *Block) {
  std::unique_ptr<BlockInfo> &Info = Blocks[Block];
  if (Info)
    return *Info;
  Info = std::make_unique<BlockInfo>();
  llvm::SmallVector<std::pair<const CallExpr *, const void *>, 2> Open;
  unsigned Index = 0;
  for (const Stmt *S : Block->body()) {
    Info->IndexOf[S] = Index;
    Info->OpenBefore.push_back(Open.empty() ? nullptr : Open.back().first);
    if (const CallExpr *Enter = roleCallStatement(Roles, S, Role::EnterWith)) {
      Open.emplace_back(Enter, Roles.storeOfCall(Enter).key());
    } else if (const CallExpr *Disable = roleCallStatement(Roles, S, Role::Disable)) {
      const void *Closed = Roles.storeOfCall(Disable).key();
      llvm::erase_if(Open, [&](const auto &E) { return E.second == Closed; });
      Info->Disables[Closed].push_back(Index);
    }
    ++Index;
  }
  return *Info;
}

const ParentMap &RunRewriteCache::parents(const FunctionDecl *Function, const Stmt *S) {
  for (const FunctionDecl *Root : {outermostFunction(Function), Function}) {
    std::unique_ptr<ParentMap> &Map = Parents[Root];
    if (!Map)
      Map = std::make_unique<ParentMap>(Root->getBody());
    // A generic lambda's instantiated body is not written in the function
    // around it: its own map holds it.
    if (Map->hasParent(S) || Root == Function)
      return *Map;
  }
  llvm_unreachable("the function's own map is returned");
}

SourceLocation statementEnd(const Stmt *S, const SourceManager &SM, const LangOptions &LO) {
  CharSourceRange Range =
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(S->getSourceRange()), SM, LO);
  if (Range.isInvalid())
    return {};
  SourceLocation End = Range.getEnd();
  // The `;` that ends an expression statement is not part of its range.
  Token Next;
  if (!Lexer::getRawToken(End, Next, SM, LO, /*IgnoreWhiteSpace=*/true) && Next.is(tok::semi))
    return Next.getEndLoc();
  return End;
}


namespace {

class Planner {
public:
  Planner(const EnterWithFact &Fact, ASTContext &Ctx, RunRewriteCache &Cache)
      : Fact(Fact), Call(Fact.Call), Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
        Roles(Cache.roles()), Cache(Cache) {}

  /// Decides whether the call can be rewritten; fills \p Out when it can.
  RunRewrite plan(RewritePlan &Out);

private:
  bool block(Reason Why, SourceLocation Loc, const NamedDecl *Subject = nullptr,
             std::string Word = "", const NamedDecl *Other = nullptr) {
    Result.Refusal = {Why, Loc.isValid() ? Loc : Call->getExprLoc(), Subject, Other,
                      std::move(Word)};
    return false;
  }
  bool checkCall();
  bool findStatementAndBlock();
  bool checkEnclosingEnterWith();
  bool findRegion();
  bool checkRegionText(const Stmt *First);
  bool checkWrapped(bool &HasReturn);
  bool checkLaterUses();
  bool chooseForm(bool HasReturn, RewritePlan &Out);
  SourceLocation statementEnd(const Stmt *S) const { return asyncctx::statementEnd(S, SM, LO); }
  const NamedDecl *disableCallee() const {
    return Roles.knownCallee(roleCallStatement(Roles, Disable, Role::Disable));
  }
  std::string returnTypeText() const;

  const EnterWithFact &Fact;
  const CallExpr *Call;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  const RoleLayer &Roles;
  RunRewriteCache &Cache;
  RunRewrite Result;

  const ParentMap *Parents = nullptr;
  const Stmt *CallStmt = nullptr;       // the call as a statement of Block
  const CompoundStmt *Block = nullptr;
  unsigned Index = 0;                   // CallStmt's position in Block
  unsigned Last = 0;                    // the last wrapped statement
  const Stmt *Disable = nullptr;        // the DISABLE that bounds them
  bool IsFunctionBody = false;
  bool IsCoroutine = false; // its result is made by co_return, never by return
  SourceLocation RegionBegin, RegionEnd; // after the call's `;`, after the last one's
};

bool Planner::checkCall() {
  if (!Fact.RunMember)
    return block(Reason::NoRunMember, Call->getExprLoc(), nullptr, Fact.Store.Named.str());
  if (Call->getBeginLoc().isMacroID() || Call->getEndLoc().isMacroID() ||
      Call->getExprLoc().isMacroID())
    return block(Reason::CallInMacro, SM.getExpansionLoc(Call->getExprLoc()));
  if (Call->getNumArgs() != 1 || isa<CXXDefaultArgExpr>(Call->getArg(0)))
    return block(Reason::NotOneArgument, Call->getExprLoc(), Roles.knownCallee(Call));
  if (!Fact.Function || !Fact.Function->getBody())
    return block(Reason::NotInFunction, Call->getExprLoc());
  return true;
}

bool Planner::findStatementAndBlock() {
  Parents = &Cache.parents(Fact.Function, Call);
  CallStmt = Call;
  const Stmt *Parent = Parents->getParent(Call);
  while (const auto *EWC = dyn_cast_or_null<ExprWithCleanups>(Parent)) {
    CallStmt = EWC;
    Parent = Parents->getParent(EWC);
  }
  // `case 1: s.enter_with(v);` and `label: s.enter_with(v);`: the labelled
  // statement is the one in the block; the label stays outside the lambda.
  while (isa_and_nonnull<SwitchCase, LabelStmt>(Parent)) {
    CallStmt = Parent;
    Parent = Parents->getParent(Parent);
  }
  Block = dyn_cast_or_null<CompoundStmt>(Parent);
  if (!Block) {
    if (isa_and_nonnull<Expr, DeclStmt, ReturnStmt>(Parent))
      return block(Reason::ResultUsed, Call->getExprLoc());
    return block(Reason::NothingFollows, Call->getExprLoc());
  }
  const RunRewriteCache::BlockInfo &Info = Cache.info(Block);
  auto It = Info.IndexOf.find(CallStmt);
  if (It == Info.IndexOf.end())
    return block(Reason::NotAStatement, Call->getExprLoc());
  Index = It->second;
  const Stmt *Body = Fact.Function->getBody();
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body)) {
    IsCoroutine = true;
    Body = Coroutine->getBody();
  }
  IsFunctionBody = Body == Block;
  return true;
}

bool Planner::checkEnclosingEnterWith() {
  // Walk out from the call; in every enclosing block, an ENTER_WITH before
  // the statement that holds the call, not closed by a DISABLE of its store,
  // would wrap this call in its own rewrite.
  const Stmt *Child = CallStmt;
  for (const Stmt *Parent = Parents->getParent(CallStmt); Parent;
       Child = Parent, Parent = Parents->getParent(Parent)) {
    const auto *CS = dyn_cast<CompoundStmt>(Parent);
    if (!CS)
      continue;
    const RunRewriteCache::BlockInfo &Info = Cache.info(CS);
    auto It = Info.IndexOf.find(Child);
    if (It != Info.IndexOf.end())
      if (const CallExpr *Open = Info.OpenBefore[It->second])
        return block(Reason::InsideAnotherRewrite, Open->getExprLoc(), Roles.knownCallee(Open));
  }
  return true;
}

bool Planner::findRegion() {
  auto Body = Block->body();
  unsigned Size = Block->size();
  Last = Size - 1;
  const RunRewriteCache::BlockInfo &Info = Cache.info(Block);
  auto Disables = Info.Disables.find(Fact.Store.key());
  if (Disables != Info.Disables.end()) {
    auto Next = llvm::upper_bound(Disables->second, Index);
    if (Next != Disables->second.end()) {
      Disable = Body.begin()[*Next];
      Last = *Next - 1;
    }
  }
  if (Index == Size - 1)
    return block(Reason::NothingFollows, Call->getExprLoc());
  if (Last == Index)
    return block(Reason::NothingBeforeDisable, Disable->getBeginLoc(), disableCallee());
  Result.EndsAtDisable = Disable != nullptr;
  Result.ReachesFunctionEnd = IsFunctionBody && !Disable;
  return checkRegionText(Body.begin()[Index + 1]);
}

bool Planner::checkRegionText(const Stmt *First) {
  RegionBegin = statementEnd(CallStmt);
  RegionEnd = statementEnd(Block->body().begin()[Last]);
  SourceLocation FirstBegin = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(First->getSourceRange()), SM, LO).getBegin();
  if (RegionBegin.isInvalid() || RegionEnd.isInvalid() || FirstBegin.isInvalid() ||
      SM.getFileID(RegionBegin) != SM.getFileID(RegionEnd))
    return block(Reason::RegionInMacro, First->getBeginLoc());
  if (Disable && statementEnd(Disable).isInvalid())
    return block(Reason::DisableInMacro, Disable->getBeginLoc(), disableCallee());
  // The edits open the lambda at the call and close it after the last
  // wrapped statement (in the DISABLE's place): a conditional that begins or
  // ends between them would leave the lambda open in some configuration.
  SourceLocation CallBegin = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(CallStmt->getSourceRange()), SM, LO).getBegin();
  SourceLocation EditsEnd = Disable ? statementEnd(Disable) : RegionEnd;
  std::string Directive;
  if (CallBegin.isValid() && SM.getFileID(CallBegin) == SM.getFileID(EditsEnd))
    if (SourceLocation At = crossedConditional(CallBegin, EditsEnd, SM, LO, Directive); At.isValid())
      return block(Reason::CrossesConditional, At, nullptr, Directive);
  return true;
}

bool Planner::checkWrapped(bool &HasReturn) {
  const FunctionDecl *FD = Fact.Function;
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  const NamedDecl *Named = Method && Method->getParent()->isLambda() ? nullptr : FD;
  auto Body = Block->body();
  WrappedCode Scanned = scanWrappedCode(llvm::ArrayRef(Body.begin() + Index + 1, Body.begin() + Last + 1),
                                        Ctx, Roles, RegionBegin, Result.ReachesFunctionEnd, Named);
  HasReturn = Scanned.HasReturn;
  if (Scanned.Refusal.Why != Reason::None) {
    Result.Refusal = Scanned.Refusal;
    return false;
  }
  return checkLaterUses();
}

bool Planner::checkLaterUses() {
  if (!Disable)
    return true; // nothing after the block can see names declared inside it
  llvm::SmallPtrSet<const Decl *, 8> Declared;
  auto Body = Block->body();
  for (unsigned I = Index + 1; I <= Last; ++I)
    if (const auto *DS = dyn_cast<DeclStmt>(Body.begin()[I]))
      for (const Decl *D : DS->decls()) {
        Declared.insert(D->getCanonicalDecl());
        if (const auto *DD = dyn_cast<DecompositionDecl>(D))
          for (const BindingDecl *B : DD->bindings())
            Declared.insert(B->getCanonicalDecl());
      }
  if (Declared.empty())
    return true;
  SourceLocation At;
  if (const NamedDecl *Used =
          findUseOf(Declared, llvm::ArrayRef(Body.begin() + Last + 1, Body.end()), At))
    return block(Reason::UsedAfterDisable, At, Used, "", disableCallee());
  return true;
}

std::string Planner::returnTypeText() const {
  const FunctionDecl *FD = Fact.Function;
  SourceRange Written = FD->getReturnTypeSourceRange();
  if (Written.isValid()) {
    CharSourceRange Range =
        Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Written), SM, LO);
    if (Range.isValid())
      return Lexer::getSourceText(Range, SM, LO).str();
  }
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  Policy.SuppressUnwrittenScope = true;
  return FD->getReturnType().getAsString(Policy);
}

bool Planner::chooseForm(bool HasReturn, RewritePlan &Out) {
  // The wrapped statements end the function: their returns become the
  // lambda's, and the lambda's result the function's.
  const FunctionDecl *FD = Fact.Function;
  bool ReturnForm = false;
  std::string Intro = "[&]";
  QualType Returned = FD->getReturnType();
  auto Body = Block->body();
  if (IsCoroutine) {
    // The statements hold no co_return (the scanner refused those), so the
    // lambda returns nothing and the coroutine goes on after it.
  } else if (Result.ReachesFunctionEnd && !Returned->isVoidType() &&
             !Returned->isDependentType()) {
    if (FD->isMain() && !HasReturn) {
      // main's implicit `return 0;` still follows the call.
    } else if (FD->isMain() && !isa<ReturnStmt>(Body.begin()[Last])) {
      return block(Reason::MainWithoutReturn, Body.begin()[Last]->getBeginLoc());
    } else {
      ReturnForm = true;
      if (!FD->getReturnTypeSourceRange().isValid() &&
          FD->getDeclaredReturnType()->getContainedAutoType())
        Intro = "[&]"; // a lambda's deduced result: the new lambda deduces the same
      else
        Intro = "[&]() -> " + returnTypeText();
    }
  } else if (Result.ReachesFunctionEnd && Returned->isDependentType()) {
    ReturnForm = true;
    Intro = "[&]() -> " + returnTypeText();
  }
  Out.Call = Call;
  Out.RunMember = Fact.RunMember;
  Out.Block = Block;
  Out.Disable = Disable;
  Out.RegionBegin = RegionBegin;
  Out.RegionEnd = RegionEnd;
  Out.ReturnForm = ReturnForm;
  Out.LambdaIntro = Intro;
  return true;
}

RunRewrite Planner::plan(RewritePlan &Out) {
  Result.RunMember = Fact.RunMember;
  bool HasReturn = false;
  if (checkCall() && findStatementAndBlock() && findRegion() && checkEnclosingEnterWith() &&
      checkWrapped(HasReturn))
    chooseForm(HasReturn, Out);
  return Result;
}

} // namespace

RunRewrite checkRunRewrite(const EnterWithFact &Fact, ASTContext &Ctx, RunRewriteCache &Cache,
                           RewritePlan &Plan) {
  return Planner(Fact, Ctx, Cache).plan(Plan);
}

} // namespace clang::tidy::asyncctx

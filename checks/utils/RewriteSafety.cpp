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
#include "WrappedCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::asyncctx {
namespace {

DynTypedNode firstParent(const DynTypedNode &Node, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(Node);
  return Parents.empty() ? DynTypedNode() : Parents[0];
}

/// The call of role \p R that \p S is, as a statement of its own.
const CallExpr *roleCallStatement(const Stmt *S, Role R) {
  if (const auto *EWC = dyn_cast_or_null<ExprWithCleanups>(S))
    S = EWC->getSubExpr();
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  if (!Call || roleOfCall(Call) != R)
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

} // namespace

struct RunRewriteCache::BlockInfo {
  llvm::DenseMap<const Stmt *, unsigned> IndexOf;
  /// Per statement: the last ENTER_WITH statement before it that no DISABLE
  /// of its store has closed since, or null.
  std::vector<const CallExpr *> OpenBefore;
  /// Per store: the positions of its DISABLE statements, in order.
  llvm::DenseMap<const void *, std::vector<unsigned>> Disables;
};

RunRewriteCache::RunRewriteCache() = default;
RunRewriteCache::~RunRewriteCache() = default;
void RunRewriteCache::clear() { Blocks.clear(); }

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
    if (const CallExpr *Enter = roleCallStatement(S, Role::EnterWith)) {
      Open.emplace_back(Enter, storeOfCall(Enter).key());
    } else if (const CallExpr *Disable = roleCallStatement(S, Role::Disable)) {
      const void *Closed = storeOfCall(Disable).key();
      llvm::erase_if(Open, [&](const auto &E) { return E.second == Closed; });
      Info->Disables[Closed].push_back(Index);
    }
    ++Index;
  }
  return *Info;
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
  Planner(const CallExpr *Call, ASTContext &Ctx, RunRewriteCache &Cache)
      : Call(Call), Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Cache(Cache) {}

  /// Decides whether the call can be rewritten; fills \p Out when it can.
  RunRewrite plan(RewritePlan &Out);

private:
  bool block(SourceLocation Loc, std::string Why) {
    Result.BlockedReason = std::move(Why);
    Result.BlockedAt = Loc.isValid() ? Loc : Call->getExprLoc();
    return false;
  }
  bool findStatementAndBlock();
  bool findFunction();
  bool checkEnclosingEnterWith();
  bool findRegion();
  bool checkLaterUses();
  SourceLocation statementEnd(const Stmt *S) const { return asyncctx::statementEnd(S, SM, LO); }
  std::string returnTypeText() const;

  const CallExpr *Call;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  RunRewriteCache &Cache;
  RunRewrite Result;

  StoreRef Store;
  const CXXMethodDecl *RunMember = nullptr;
  const Stmt *CallStmt = nullptr;       // the call as a statement of Block
  const CompoundStmt *Block = nullptr;
  unsigned Index = 0;                   // CallStmt's position in Block
  unsigned Last = 0;                    // the last wrapped statement
  const Stmt *Disable = nullptr;        // the DISABLE that bounds them
  bool IsFunctionBody = false;
  bool IsCoroutine = false; // its result is made by co_return, never by return
  SourceLocation RegionBegin, RegionEnd; // after the call's `;`, after the last one's
};

bool Planner::findStatementAndBlock() {
  DynTypedNode Node = DynTypedNode::create(*Call);
  DynTypedNode Parent = firstParent(Node, Ctx);
  CallStmt = Call;
  while (const auto *EWC = Parent.get<ExprWithCleanups>()) {
    CallStmt = EWC;
    Parent = firstParent(Parent, Ctx);
  }
  // `case 1: s.enter_with(v);` and `label: s.enter_with(v);`: the labelled
  // statement is the one in the block; the label stays outside the lambda.
  while (Parent.get<SwitchCase>() || Parent.get<LabelStmt>()) {
    CallStmt = Parent.get<Stmt>();
    Parent = firstParent(Parent, Ctx);
  }
  Block = Parent.get<CompoundStmt>();
  if (!Block) {
    if (Parent.get<Expr>() || Parent.get<Decl>() || Parent.get<ReturnStmt>())
      return block(Call->getExprLoc(), "its result is used");
    return block(Call->getExprLoc(), "nothing follows it in its block; use " + quoted(RunMember) +
                                     " around the code that needs the value");
  }
  const RunRewriteCache::BlockInfo &Info = Cache.info(Block);
  auto It = Info.IndexOf.find(CallStmt);
  if (It == Info.IndexOf.end())
    return block(Call->getExprLoc(), "it is not a statement of its block");
  Index = It->second;
  return true;
}

bool Planner::findFunction() {
  DynTypedNodeList Parents = Ctx.getParents(*Block);
  DynTypedNode Parent = Parents.empty() ? DynTypedNode() : Parents[0];
  // A lambda's body has two parents: the LambdaExpr and its call operator.
  for (const DynTypedNode &P : Parents)
    if (const auto *Lambda = P.get<LambdaExpr>()) {
      Result.Function = Lambda->getCallOperator();
      IsFunctionBody = true;
      return true;
    }
  if (const auto *Coro = Parent.get<CoroutineBodyStmt>()) {
    IsFunctionBody = Coro->getBody() == Block;
    IsCoroutine = true;
    Parent = firstParent(Parent, Ctx);
  }
  if (const auto *FD = Parent.get<FunctionDecl>()) {
    Result.Function = FD;
    IsFunctionBody = IsFunctionBody || FD->getBody() == Block;
    return true;
  }
  // A nested block: the nearest enclosing lambda or function.
  for (unsigned Depth = 0; !Parent.getNodeKind().isNone() && Depth < 1024; ++Depth) {
    if (const auto *Lambda = Parent.get<LambdaExpr>()) {
      Result.Function = Lambda->getCallOperator();
      return true;
    }
    if (const auto *FD = Parent.get<FunctionDecl>()) {
      Result.Function = FD;
      return true;
    }
    if (Parent.get<BlockExpr>() || Parent.get<TranslationUnitDecl>())
      break;
    Parent = firstParent(Parent, Ctx);
  }
  return block(Call->getExprLoc(), "it is not in the body of a function or lambda");
}

bool Planner::checkEnclosingEnterWith() {
  // Walk out from the call; in every enclosing block, an ENTER_WITH before
  // the statement that holds the call, not closed by a DISABLE of its store,
  // would wrap this call in its own rewrite.
  const Stmt *Child = CallStmt;
  DynTypedNode Parent = firstParent(DynTypedNode::create(*CallStmt), Ctx);
  for (unsigned Depth = 0; !Parent.getNodeKind().isNone() && Depth < 1024; ++Depth) {
    if (const auto *CS = Parent.get<CompoundStmt>()) {
      const RunRewriteCache::BlockInfo &Info = Cache.info(CS);
      auto It = Info.IndexOf.find(Child);
      if (It != Info.IndexOf.end())
        if (const CallExpr *Open = Info.OpenBefore[It->second])
          return block(Open->getExprLoc(),
                       "it is among the statements that the " + quoted(knownCallee(Open)) +
                           " here would wrap; rewrite these calls by hand");
    }
    if (const auto *S = Parent.get<Stmt>())
      Child = S;
    if (Parent.get<TranslationUnitDecl>())
      break;
    Parent = firstParent(Parent, Ctx);
  }
  return true;
}

bool Planner::findRegion() {
  auto Body = Block->body();
  unsigned Size = Block->size();
  Last = Size - 1;
  const RunRewriteCache::BlockInfo &Info = Cache.info(Block);
  auto Disables = Info.Disables.find(Store.key());
  if (Disables != Info.Disables.end()) {
    auto Next = llvm::upper_bound(Disables->second, Index);
    if (Next != Disables->second.end()) {
      Disable = Body.begin()[*Next];
      Last = *Next - 1;
    }
  }
  if (Index == Size - 1)
    return block(Call->getExprLoc(), "nothing follows it in its block; use " + quoted(RunMember) +
                                     " around the code that needs the value");
  if (Last == Index)
    return block(Disable->getBeginLoc(), "no statement comes between it and the " +
                                             quoted(knownCallee(roleCallStatement(Disable, Role::Disable))));
  Result.EndsAtDisable = Disable != nullptr;
  Result.ReachesFunctionEnd = IsFunctionBody && !Disable;

  RegionBegin = statementEnd(CallStmt);
  const Stmt *First = Body.begin()[Index + 1];
  RegionEnd = statementEnd(Body.begin()[Last]);
  SourceLocation FirstBegin = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(First->getSourceRange()), SM, LO).getBegin();
  if (RegionBegin.isInvalid() || RegionEnd.isInvalid() || FirstBegin.isInvalid() ||
      SM.getFileID(RegionBegin) != SM.getFileID(RegionEnd))
    return block(First->getBeginLoc(), "the statements it would wrap begin or end inside a macro");
  if (Disable && statementEnd(Disable).isInvalid())
    return block(Disable->getBeginLoc(), "the " + quoted(knownCallee(roleCallStatement(Disable, Role::Disable))) +
                                             " that ends them is inside a macro");
  // The edits open the lambda at the call and close it after the last
  // wrapped statement (in the DISABLE's place): a conditional that begins or
  // ends between them would leave the lambda open in some configuration.
  SourceLocation CallBegin = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(CallStmt->getSourceRange()), SM, LO).getBegin();
  SourceLocation EditsEnd = Disable ? statementEnd(Disable) : RegionEnd;
  std::string Directive;
  if (CallBegin.isValid() && SM.getFileID(CallBegin) == SM.getFileID(EditsEnd))
    if (SourceLocation At = crossedConditional(CallBegin, EditsEnd, SM, LO, Directive); At.isValid())
      return block(At, "the statements it would wrap cross a preprocessor conditional ('#" +
                           Directive + "' here)");
  return true;
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
    return block(At, quoted(Used) + " is declared in the statements it would wrap "
                            "and used after the " +
                                quoted(knownCallee(roleCallStatement(Disable, Role::Disable))));
  return true;
}

std::string Planner::returnTypeText() const {
  const FunctionDecl *FD = Result.Function;
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

RunRewrite Planner::plan(RewritePlan &Out) {
  const FunctionDecl *Callee = knownCallee(Call);
  Store = storeOfCall(Call);
  RunMember = findMemberWithRole(Store.Class, Role::Run);
  if (!RunMember) {
    block(Call->getExprLoc(), Store.Named.empty()
                                  ? "the store has no member annotated ASYNCCTX_RUN"
                                  : "store '" + Store.Named.str() + "' has no run() to rewrite into");
    return Result;
  }
  if (Call->getBeginLoc().isMacroID() || Call->getEndLoc().isMacroID() ||
      Call->getExprLoc().isMacroID()) {
    block(SM.getExpansionLoc(Call->getExprLoc()), "the call is in a macro expansion");
    return Result;
  }
  if (Call->getNumArgs() != 1 || isa<CXXDefaultArgExpr>(Call->getArg(0))) {
    block(Call->getExprLoc(), quoted(Callee) + " is not called with exactly one argument");
    return Result;
  }
  if (!findStatementAndBlock() || !findFunction() || !findRegion() || !checkEnclosingEnterWith())
    return Result;

  const FunctionDecl *FD = Result.Function;
  std::string FunctionName =
      isa<CXXMethodDecl>(FD) && cast<CXXMethodDecl>(FD)->getParent()->isLambda()
          ? "the enclosing lambda"
          : quoted(FD);
  auto Body = Block->body();
  WrappedCode Scanned = scanWrappedCode(llvm::ArrayRef(Body.begin() + Index + 1, Body.begin() + Last + 1),
                                        Ctx, RegionBegin, Result.ReachesFunctionEnd, FunctionName,
                                        quoted(RunMember));
  if (!Scanned.Reason.empty()) {
    block(Scanned.At, Scanned.Reason);
    return Result;
  }
  if (!checkLaterUses())
    return Result;

  // The wrapped statements end the function: their returns become the
  // lambda's, and the lambda's result the function's.
  bool ReturnForm = false;
  std::string Intro = "[&]";
  QualType Returned = FD->getReturnType();
  if (IsCoroutine) {
    // The statements hold no co_return (the scanner refused those), so the
    // lambda returns nothing and the coroutine goes on after it.
  } else if (Result.ReachesFunctionEnd && !Returned->isVoidType() &&
             !Returned->isDependentType()) {
    if (FD->isMain() && !Scanned.HasReturn) {
      // main's implicit `return 0;` still follows the call.
    } else if (FD->isMain() && !isa<ReturnStmt>(Body.begin()[Last])) {
      block(Body.begin()[Last]->getBeginLoc(),
            "'main' can reach its end without 'return' after the statements it would wrap");
      return Result;
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
  Out.RunMember = RunMember;
  Out.Block = Block;
  Out.Disable = Disable;
  Out.RegionBegin = RegionBegin;
  Out.RegionEnd = RegionEnd;
  Out.ReturnForm = ReturnForm;
  Out.LambdaIntro = Intro;
  return Result;
}

} // namespace

RunRewrite checkRunRewrite(const CallExpr *EnterWith, ASTContext &Ctx, RunRewriteCache &Cache,
                           RewritePlan &Plan) {
  return Planner(EnterWith, Ctx, Cache).plan(Plan);
}

} // namespace clang::tidy::asyncctx

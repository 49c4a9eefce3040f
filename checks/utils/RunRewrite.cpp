//===--- RunRewrite.cpp - asyncctx-tidy -----------------------------------===//
//
// Safety rules. Moving statements into a lambda changes their meaning when
// they jump out of it (break/continue/case/goto/labels, a return that would
// leave the lambda instead of the function), when they are coroutine code
// (co_await/co_yield/co_return), when they name the function (__func__), or
// when they capture what a C++17 lambda cannot (structured bindings). Any of
// these blocks the rewrite. So does another ENTER_WITH among the wrapped
// statements, or one before them whose own rewrite would wrap this call:
// clang-tidy drops overlapping fixes, so the two would be applied in two
// separate -fix runs and -fix would not settle.
//
// The edits keep the user's text: the callee's name becomes the RUN member's,
// `);` becomes `, [&] {`, each wrapped line gets one more indent unit (never
// inside a string literal), and `});` closes the lambda after the last
// wrapped statement.
//
//===----------------------------------------------------------------------===//

#include "RunRewrite.h"
#include "Roles.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
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

std::string quoted(const NamedDecl *D) { return "'" + D->getNameAsString() + "'"; }


/// Finds what forbids moving statements into a lambda. Code of nested
/// functions, lambdas and blocks is their own, except that an ENTER_WITH
/// anywhere inside counts (its fix would overlap this one).
class WrappedCodeScanner : public RecursiveASTVisitor<WrappedCodeScanner> {
public:
  WrappedCodeScanner(const ASTContext &Ctx, SourceLocation RegionBegin,
                     bool ReturnsAllowed, std::string FunctionName, std::string RunName)
      : Ctx(Ctx), RegionBegin(RegionBegin), ReturnsAllowed(ReturnsAllowed),
        FunctionName(std::move(FunctionName)), RunName(std::move(RunName)) {}

  std::string Reason;
  SourceLocation At;
  bool HasReturn = false;

  bool TraverseLambdaExpr(LambdaExpr *E) { return nested([&] { return Base::TraverseLambdaExpr(E); }); }
  bool TraverseBlockExpr(BlockExpr *E) { return nested([&] { return Base::TraverseBlockExpr(E); }); }
  bool TraverseDecl(Decl *D) {
    if (D && (isa<FunctionDecl>(D) || isa<TagDecl>(D) || isa<BlockDecl>(D)))
      return nested([&] { return Base::TraverseDecl(D); });
    return Base::TraverseDecl(D);
  }
  bool TraverseForStmt(ForStmt *S) { return loop([&] { return Base::TraverseForStmt(S); }); }
  bool TraverseWhileStmt(WhileStmt *S) { return loop([&] { return Base::TraverseWhileStmt(S); }); }
  bool TraverseDoStmt(DoStmt *S) { return loop([&] { return Base::TraverseDoStmt(S); }); }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    return loop([&] { return Base::TraverseCXXForRangeStmt(S); });
  }
  bool TraverseSwitchStmt(SwitchStmt *S) {
    ++SwitchDepth;
    bool Result = Base::TraverseSwitchStmt(S);
    --SwitchDepth;
    return Result;
  }

  bool VisitBreakStmt(BreakStmt *S) {
    if (!Nested && !LoopDepth && !SwitchDepth)
      block(S->getBreakLoc(), "'break' would leave the lambda that " + RunName + " calls");
    return Reason.empty();
  }
  bool VisitContinueStmt(ContinueStmt *S) {
    if (!Nested && !LoopDepth)
      block(S->getContinueLoc(), "'continue' would leave the lambda that " + RunName + " calls");
    return Reason.empty();
  }
  bool VisitSwitchCase(SwitchCase *S) {
    if (!Nested && !SwitchDepth)
      block(S->getKeywordLoc(), std::string(isa<CaseStmt>(S) ? "'case'" : "'default'") +
                                    " label would be inside the lambda that " + RunName + " calls");
    return Reason.empty();
  }
  bool VisitReturnStmt(ReturnStmt *S) {
    if (Nested)
      return true;
    HasReturn = true;
    if (!ReturnsAllowed)
      block(S->getReturnLoc(), "'return' would return from the lambda that " + RunName +
                                   " calls, not from " + FunctionName);
    return Reason.empty();
  }
  bool VisitCoreturnStmt(CoreturnStmt *S) { return coroutine(S->getKeywordLoc(), "co_return"); }
  bool VisitCoawaitExpr(CoawaitExpr *E) { return coroutine(E->getKeywordLoc(), "co_await"); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) {
    return coroutine(E->getKeywordLoc(), "co_await");
  }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return coroutine(E->getKeywordLoc(), "co_yield"); }
  bool VisitGotoStmt(GotoStmt *S) { return jump(S->getGotoLoc(), "'goto'"); }
  bool VisitIndirectGotoStmt(IndirectGotoStmt *S) { return jump(S->getGotoLoc(), "'goto'"); }
  bool VisitLabelStmt(LabelStmt *S) { return jump(S->getIdentLoc(), "a label"); }
  bool VisitAddrLabelExpr(AddrLabelExpr *E) { return jump(E->getAmpAmpLoc(), "a label address"); }
  bool VisitPredefinedExpr(PredefinedExpr *E) {
    if (!Nested)
      block(E->getLocation(), "'" + PredefinedExpr::getIdentKindName(E->getIdentKind()).str() +
                                  "' would name the lambda that " + RunName + " calls");
    return Reason.empty();
  }
  bool VisitCallExpr(CallExpr *E) {
    if (roleOfCall(E) == Role::EnterWith)
      block(E->getExprLoc(), "the statements it would wrap contain another " +
                                 quoted(E->getDirectCallee()) + "; rewrite these calls by hand");
    return Reason.empty();
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *Binding = dyn_cast<BindingDecl>(E->getDecl());
    if (!Nested && Binding && !Ctx.getLangOpts().CPlusPlus20 &&
        Ctx.getSourceManager().isBeforeInTranslationUnit(Binding->getLocation(), RegionBegin))
      block(E->getLocation(), "structured binding " + quoted(Binding) +
                                  " cannot be captured by a lambda before C++20");
    return Reason.empty();
  }

private:
  using Base = RecursiveASTVisitor<WrappedCodeScanner>;

  template <class F> bool nested(F Traverse) {
    ++Nested;
    bool Result = Traverse();
    --Nested;
    return Result;
  }
  template <class F> bool loop(F Traverse) {
    ++LoopDepth;
    bool Result = Traverse();
    --LoopDepth;
    return Result;
  }
  void block(SourceLocation Loc, std::string Why) {
    if (Reason.empty()) {
      Reason = std::move(Why);
      At = Loc;
    }
  }
  bool coroutine(SourceLocation Loc, llvm::StringRef Keyword) {
    if (!Nested)
      block(Loc, "the statements it would wrap contain '" + Keyword.str() + "'");
    return Reason.empty();
  }
  bool jump(SourceLocation Loc, llvm::StringRef What) {
    if (!Nested)
      block(Loc, "the statements it would wrap contain " + What.str());
    return Reason.empty();
  }

  const ASTContext &Ctx;
  SourceLocation RegionBegin;
  bool ReturnsAllowed;
  std::string FunctionName, RunName;
  unsigned Nested = 0, LoopDepth = 0, SwitchDepth = 0;
};

/// Finds a use, in statements after the wrapped ones, of a declaration made
/// among them (it would be out of scope once inside the lambda).
class LaterUseFinder : public RecursiveASTVisitor<LaterUseFinder> {
public:
  explicit LaterUseFinder(const llvm::SmallPtrSetImpl<const Decl *> &Declared) : Declared(Declared) {}
  const NamedDecl *Used = nullptr;
  SourceLocation At;

  bool VisitDeclRefExpr(DeclRefExpr *E) { return check(E->getDecl(), E->getLocation()); }
  bool VisitTagTypeLoc(TagTypeLoc TL) { return check(TL.getDecl(), TL.getNameLoc()); }
  bool VisitTypedefTypeLoc(TypedefTypeLoc TL) { return check(TL.getTypedefNameDecl(), TL.getNameLoc()); }

private:
  bool check(const NamedDecl *D, SourceLocation Loc) {
    if (D && Declared.count(D->getCanonicalDecl())) {
      Used = D;
      At = Loc;
      return false;
    }
    return true;
  }
  const llvm::SmallPtrSetImpl<const Decl *> &Declared;
};

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

namespace {

class Planner {
public:
  Planner(const CallExpr *Call, ASTContext &Ctx, RunRewriteCache &Cache)
      : Call(Call), Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Cache(Cache) {}

  RunRewrite plan();

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
  void buildEdits(bool ReturnForm, const std::string &LambdaIntro);

  /// Where a statement's text ends, including the `;` that ends it.
  SourceLocation statementEnd(const Stmt *S) const;
  llvm::StringRef lineIndent(SourceLocation Loc) const;
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
                       "it is among the statements that the " + quoted(Open->getDirectCallee()) +
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

SourceLocation Planner::statementEnd(const Stmt *S) const {
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
                                             quoted(roleCallStatement(Disable, Role::Disable)->getDirectCallee()));
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
    return block(Disable->getBeginLoc(), "the " + quoted(roleCallStatement(Disable, Role::Disable)->getDirectCallee()) +
                                             " that ends them is inside a macro");
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
  LaterUseFinder Finder(Declared);
  for (unsigned I = Last + 1; I < Block->size() && !Finder.Used; ++I)
    Finder.TraverseStmt(const_cast<Stmt *>(Body.begin()[I]));
  if (Finder.Used)
    return block(Finder.At, quoted(Finder.Used) + " is declared in the statements it would wrap "
                            "and used after the " +
                                quoted(roleCallStatement(Disable, Role::Disable)->getDirectCallee()));
  return true;
}

llvm::StringRef Planner::lineIndent(SourceLocation Loc) const {
  std::pair<FileID, unsigned> Decomposed = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  llvm::StringRef Buffer = SM.getBufferData(Decomposed.first);
  size_t LineStart = Buffer.rfind('\n', Decomposed.second);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Line = Buffer.substr(LineStart, Decomposed.second - LineStart);
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; });
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

void Planner::buildEdits(bool ReturnForm, const std::string &LambdaIntro) {
  std::vector<FixItHint> &Edits = Result.Edits;

  // The callee's name becomes the RUN member's.
  SourceLocation NameLoc;
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(Callee))
    NameLoc = ME->getMemberLoc();
  else if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee))
    NameLoc = DRE->getLocation();
  if (ReturnForm)
    Edits.push_back(FixItHint::CreateInsertion(
        Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Call->getSourceRange()), SM, LO)
            .getBegin(),
        "return "));
  Edits.push_back(FixItHint::CreateReplacement(CharSourceRange::getTokenRange(NameLoc, NameLoc),
                                               RunMember->getName()));
  // `);` opens the lambda.
  Edits.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Call->getRParenLoc(), RegionBegin), ", " + LambdaIntro + " {"));

  // One more indent unit on every wrapped line, never inside a string literal.
  llvm::StringRef Base = lineIndent(Call->getBeginLoc());
  llvm::StringRef Outer = lineIndent(Block->getLBracLoc());
  std::string Unit = "  ";
  if (Base.size() > Outer.size() && Base.starts_with(Outer))
    Unit = Base.drop_front(Outer.size()).str();
  else if (Base.contains('\t'))
    Unit = "\t";

  std::pair<FileID, unsigned> Begin = SM.getDecomposedLoc(RegionBegin);
  unsigned EndOffset = SM.getFileOffset(RegionEnd);
  llvm::StringRef Buffer = SM.getBufferData(Begin.first);
  llvm::SmallVector<std::pair<unsigned, unsigned>, 4> Protected;
  Lexer Raw(SM.getLocForStartOfFile(Begin.first), LO, Buffer.begin(),
            Buffer.begin() + Begin.second, Buffer.end());
  Token Tok;
  while (!Raw.LexFromRawLexer(Tok) && SM.getFileOffset(Tok.getLocation()) < EndOffset) {
    if (tok::isStringLiteral(Tok.getKind())) {
      unsigned Start = SM.getFileOffset(Tok.getLocation());
      Protected.emplace_back(Start, Start + Tok.getLength());
    }
  }
  for (unsigned Offset = Begin.second; Offset < EndOffset; ++Offset) {
    if (Buffer[Offset] != '\n')
      continue;
    bool InLiteral = llvm::any_of(Protected, [&](const auto &P) {
      return P.first <= Offset && Offset < P.second;
    });
    size_t LineEnd = Buffer.find('\n', Offset + 1);
    llvm::StringRef Line = Buffer.slice(Offset + 1, std::min<size_t>(LineEnd, Buffer.size()));
    if (!InLiteral && !Line.trim().empty())
      Edits.push_back(FixItHint::CreateInsertion(
          SM.getLocForStartOfFile(Begin.first).getLocWithOffset(Offset + 1), Unit));
  }

  SourceLocation FileStart = SM.getLocForStartOfFile(Begin.first);
  std::string Close = "\n" + Base.str() + "});";
  if (!Disable) {
    // `});` closes the lambda, after a line comment that ends the last
    // wrapped line.
    SourceLocation CloseAt = RegionEnd;
    size_t EndOfLine = Buffer.find('\n', EndOffset);
    if (EndOfLine != llvm::StringRef::npos &&
        Buffer.slice(EndOffset, EndOfLine).ltrim().starts_with("//"))
      CloseAt = FileStart.getLocWithOffset(EndOfLine);
    Edits.push_back(FixItHint::CreateInsertion(CloseAt, Close));
    return;
  }
  // `});` takes the place of the DISABLE that bounded the wrapped statements;
  // what stood between them (comments) stays after it. One replacement, not
  // an insertion and a removal: clang widens a bare removal that leaves two
  // whitespace characters side by side.
  unsigned DisableBegin = SM.getFileOffset(
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Disable->getSourceRange()), SM, LO)
          .getBegin());
  unsigned DisableEnd = SM.getFileOffset(statementEnd(Disable));
  llvm::StringRef Between = Buffer.slice(EndOffset, DisableBegin).rtrim(" \t");
  Between.consume_back("\n");
  Edits.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(RegionEnd, FileStart.getLocWithOffset(DisableEnd)),
      Close + Between.str()));
}

RunRewrite Planner::plan() {
  const FunctionDecl *Callee = Call->getDirectCallee();
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
  WrappedCodeScanner Scanner(Ctx, RegionBegin, Result.ReachesFunctionEnd, FunctionName,
                             quoted(RunMember));
  auto Body = Block->body();
  for (unsigned I = Index + 1; I <= Last && Scanner.Reason.empty(); ++I)
    Scanner.TraverseStmt(const_cast<Stmt *>(Body.begin()[I]));
  if (!Scanner.Reason.empty()) {
    block(Scanner.At, Scanner.Reason);
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
    if (FD->isMain() && !Scanner.HasReturn) {
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
  buildEdits(ReturnForm, Intro);
  return Result;
}

} // namespace

RunRewrite planRunRewrite(const CallExpr *EnterWith, ASTContext &Ctx, RunRewriteCache &Cache) {
  return Planner(EnterWith, Ctx, Cache).plan();
}

} // namespace clang::tidy::asyncctx

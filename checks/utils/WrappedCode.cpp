//===--- WrappedCode.cpp - asyncctx-tidy ----------------------------------===//
//
// Moving statements into a lambda changes their meaning when they jump out of
// it (break/continue/case/goto/labels, a return that would leave the lambda
// instead of the function), when they are coroutine code
// (co_await/co_yield/co_return), when they name the function (__func__), or
// when they capture what a C++17 lambda cannot (structured bindings). Code of
// nested functions, lambdas and blocks is their own, except that an
// ENTER_WITH anywhere inside counts: its own rewrite would overlap this one.
//
//===----------------------------------------------------------------------===//

#include "WrappedCode.h"
#include "Compat.h"
#include "Roles.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::asyncctx {

std::string quoted(const NamedDecl *D) { return "'" + D->getNameAsString() + "'"; }

namespace {

/// Finds what forbids moving statements into a lambda. Code of nested
/// functions, lambdas and blocks is their own, except that an ENTER_WITH
/// anywhere inside counts (its fix would overlap this one).
class Scanner : public RecursiveASTVisitor<Scanner> {
public:
  Scanner(const ASTContext &Ctx, SourceLocation RegionBegin,
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
      block(S->getBeginLoc(), "'break' would leave the lambda that " + RunName + " calls");
    return Reason.empty();
  }
  bool VisitContinueStmt(ContinueStmt *S) {
    if (!Nested && !LoopDepth)
      block(S->getBeginLoc(), "'continue' would leave the lambda that " + RunName + " calls");
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
                                 quoted(knownCallee(E)) + "; rewrite these calls by hand");
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
  using Base = RecursiveASTVisitor<Scanner>;

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
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  explicit UseFinder(const llvm::SmallPtrSetImpl<const Decl *> &Declared) : Declared(Declared) {}
  const NamedDecl *Used = nullptr;
  SourceLocation At;

  bool VisitDeclRefExpr(DeclRefExpr *E) { return check(E->getDecl(), E->getLocation()); }
  bool VisitTagTypeLoc(TagTypeLoc TL) { return check(TL.getDecl(), TL.getNameLoc()); }
  bool VisitTypedefTypeLoc(TypedefTypeLoc TL) { return check(compat::typedefDecl(TL), TL.getNameLoc()); }

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

WrappedCode scanWrappedCode(llvm::ArrayRef<const Stmt *> Statements, const ASTContext &Ctx,
                            SourceLocation RegionBegin, bool ReturnsAllowed,
                            std::string FunctionName, std::string RunName) {
  Scanner Scan(Ctx, RegionBegin, ReturnsAllowed, std::move(FunctionName), std::move(RunName));
  for (const Stmt *S : Statements)
    if (Scan.Reason.empty())
      Scan.TraverseStmt(const_cast<Stmt *>(S));
  return {Scan.Reason, Scan.At, Scan.HasReturn};
}

const NamedDecl *findUseOf(const llvm::SmallPtrSetImpl<const Decl *> &Declared,
                           llvm::ArrayRef<const Stmt *> Statements, SourceLocation &At) {
  UseFinder Finder(Declared);
  for (const Stmt *S : Statements)
    if (!Finder.Used)
      Finder.TraverseStmt(const_cast<Stmt *>(S));
  At = Finder.At;
  return Finder.Used;
}

} // namespace clang::tidy::asyncctx

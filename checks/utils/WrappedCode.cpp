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
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncctx {

namespace {

/// Finds what forbids moving statements into a lambda. Code of nested
/// functions, lambdas and blocks is their own, except that an ENTER_WITH
/// anywhere inside counts (its fix would overlap this one).
class Scanner : public RecursiveASTVisitor<Scanner> {
public:
  using Reason = RewriteRefusal::Reason;

  Scanner(const ASTContext &Ctx, const RoleLayer &Roles, SourceLocation RegionBegin,
          bool ReturnsAllowed, const NamedDecl *Function)
      : Ctx(Ctx), Roles(Roles), RegionBegin(RegionBegin), ReturnsAllowed(ReturnsAllowed),
        Function(Function) {}

  RewriteRefusal Refusal;
  bool HasReturn = false;
  bool refused() const { return Refusal.Why != Reason::None; }

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
      block(S->getBeginLoc(), Reason::LeavesLambda, "break");
    return !refused();
  }
  bool VisitContinueStmt(ContinueStmt *S) {
    if (!Nested && !LoopDepth)
      block(S->getBeginLoc(), Reason::LeavesLambda, "continue");
    return !refused();
  }
  bool VisitSwitchCase(SwitchCase *S) {
    if (!Nested && !SwitchDepth)
      block(S->getKeywordLoc(), Reason::LabelInLambda, isa<CaseStmt>(S) ? "case" : "default");
    return !refused();
  }
  bool VisitReturnStmt(ReturnStmt *S) {
    if (Nested)
      return true;
    HasReturn = true;
    if (!ReturnsAllowed)
      block(S->getReturnLoc(), Reason::ReturnFromLambda, "", Function);
    return !refused();
  }
  bool VisitCoreturnStmt(CoreturnStmt *S) { return coroutine(S->getKeywordLoc(), "co_return"); }
  bool VisitCoawaitExpr(CoawaitExpr *E) { return coroutine(E->getKeywordLoc(), "co_await"); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) {
    return coroutine(E->getKeywordLoc(), "co_await");
  }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return coroutine(E->getKeywordLoc(), "co_yield"); }
  bool VisitGotoStmt(GotoStmt *S) { return jump(S->getGotoLoc(), "goto"); }
  bool VisitIndirectGotoStmt(IndirectGotoStmt *S) { return jump(S->getGotoLoc(), "goto"); }
  bool VisitLabelStmt(LabelStmt *S) { return jump(S->getIdentLoc(), "label"); }
  bool VisitAddrLabelExpr(AddrLabelExpr *E) { return jump(E->getAmpAmpLoc(), "label address"); }
  bool VisitPredefinedExpr(PredefinedExpr *E) {
    if (!Nested)
      block(E->getLocation(), Reason::NamesFunction,
            PredefinedExpr::getIdentKindName(E->getIdentKind()).str());
    return !refused();
  }
  bool VisitCallExpr(CallExpr *E) {
    if (Roles.roleOfCall(E) == Role::EnterWith)
      block(E->getExprLoc(), Reason::AnotherEnterWith, "", Roles.knownCallee(E));
    return !refused();
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *Binding = dyn_cast<BindingDecl>(E->getDecl());
    if (!Nested && Binding && !Ctx.getLangOpts().CPlusPlus20 &&
        Ctx.getSourceManager().isBeforeInTranslationUnit(Binding->getLocation(), RegionBegin))
      block(E->getLocation(), Reason::StructuredBinding, "", Binding);
    return !refused();
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
  void block(SourceLocation Loc, Reason Why, std::string Word, const NamedDecl *Subject = nullptr) {
    if (!refused())
      Refusal = {Why, Loc, Subject, nullptr, std::move(Word)};
  }
  bool coroutine(SourceLocation Loc, llvm::StringRef Keyword) {
    if (!Nested)
      block(Loc, Reason::CoroutineKeyword, Keyword.str());
    return !refused();
  }
  bool jump(SourceLocation Loc, llvm::StringRef What) {
    if (!Nested)
      block(Loc, Reason::Jump, What.str());
    return !refused();
  }

  const ASTContext &Ctx;
  const RoleLayer &Roles;
  SourceLocation RegionBegin;
  bool ReturnsAllowed;
  const NamedDecl *Function;
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
                            const RoleLayer &Roles, SourceLocation RegionBegin,
                            bool ReturnsAllowed, const NamedDecl *Function) {
  Scanner Scan(Ctx, Roles, RegionBegin, ReturnsAllowed, Function);
  for (const Stmt *S : Statements)
    if (!Scan.refused())
      Scan.TraverseStmt(const_cast<Stmt *>(S));
  return {Scan.Refusal, Scan.HasReturn};
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

//===--- CodeWithErrors.cpp - functions clang could not build whole -------===//

#include "CodeWithErrors.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncctx {

bool containsErrors(const FunctionDecl *FD) {
  if (FD->isInvalidDecl() || !FD->getBody())
    return true;
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent())
    if (cast<Decl>(DC)->isInvalidDecl())
      return true;
  if (llvm::any_of(FD->parameters(), [](const ParmVarDecl *P) { return P->isInvalidDecl(); }))
    return true;
  llvm::SmallVector<const Stmt *, 32> Work{FD->getBody()};
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      Work.push_back(Init->getInit());
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *E = dyn_cast<Expr>(S); E && E->containsErrors())
      return true;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      if (llvm::any_of(DS->decls(), [](const Decl *D) { return D->isInvalidDecl(); }))
        return true;
    if (const auto *Catch = dyn_cast<CXXCatchStmt>(S))
      if (const VarDecl *Caught = Catch->getExceptionDecl(); Caught && Caught->isInvalidDecl())
        return true;
    // A lambda's body is among its children; a local class's functions are
    // functions of their own.
    llvm::append_range(Work, S->children());
  }
  return false;
}

namespace {

const FunctionDecl *canonical(const FunctionDecl *FD) { return FD ? FD->getCanonicalDecl() : nullptr; }

/// Finds the functions with errors, and who uses each function.
class ErrorScan : public RecursiveASTVisitor<ErrorScan> {
public:
  ErrorScan(ASTContext &Ctx, llvm::function_ref<bool(const FunctionDecl *)> IsLibraryCode)
      : Ctx(Ctx), IsLibraryCode(IsLibraryCode) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody() || IsLibraryCode(FD))
      return Base::TraverseDecl(D);
    return function(FD, [&] { return Base::TraverseDecl(D); });
  }

  bool TraverseLambdaExpr(LambdaExpr *E) {
    if (User) // part of the function around it
      return Base::TraverseLambdaExpr(E);
    return function(E->getCallOperator(), [&] { return Base::TraverseLambdaExpr(E); });
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) { return use(E->getDecl()); }
  bool VisitMemberExpr(MemberExpr *E) { return use(E->getMemberDecl()); }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) { return use(E->getConstructor()); }

  /// The functions with errors and their users, transitively.
  llvm::DenseSet<const FunctionDecl *> skipped() const {
    llvm::DenseSet<const FunctionDecl *> Skipped(Broken.begin(), Broken.end());
    llvm::SmallVector<const FunctionDecl *, 16> Work(Broken.begin(), Broken.end());
    while (!Work.empty())
      for (const FunctionDecl *User : Users.lookup(Work.pop_back_val()))
        if (Skipped.insert(User).second)
          Work.push_back(User);
    return Skipped;
  }

private:
  using Base = RecursiveASTVisitor<ErrorScan>;

  /// A function of its own: the outermost one around a use is its user.
  template <class F> bool function(const FunctionDecl *FD, F Traverse) {
    if (containsErrors(FD)) {
      Broken.push_back(canonical(FD));
      return true;
    }
    const FunctionDecl *Saved = User;
    if (!User)
      User = canonical(FD);
    bool Result = Traverse();
    User = Saved;
    return Result;
  }

  bool use(const ValueDecl *D) {
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(D); FD && User)
      Users[canonical(FD)].push_back(User);
    return true;
  }

  ASTContext &Ctx;
  llvm::function_ref<bool(const FunctionDecl *)> IsLibraryCode;
  const FunctionDecl *User = nullptr;
  std::vector<const FunctionDecl *> Broken;
  llvm::DenseMap<const FunctionDecl *, std::vector<const FunctionDecl *>> Users;
};

} // namespace

llvm::DenseSet<const FunctionDecl *>
functionsWithErrors(ASTContext &AST, llvm::function_ref<bool(const FunctionDecl *)> IsLibraryCode) {
  ErrorScan Scan(AST, IsLibraryCode);
  Scan.TraverseDecl(AST.getTranslationUnitDecl());
  return Scan.skipped();
}

} // namespace clang::tidy::asyncctx

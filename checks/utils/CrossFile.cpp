//===--- CrossFile.cpp - asyncctx-tidy ------------------------------------===//

#include "CrossFile.h"
#include "AnalysisContext.h"
#include "FunctionIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncctx {

bool isElsewhereCandidate(const AnalysisContext &Context, const FunctionDecl *FD) {
  if (!FD || FD->isImplicit() || FD->getBuiltinID() || FD->isDeleted() || FD->isDefaulted())
    return false;
  // A body here (not one clangd's preamble skipped: utils/HeaderFacts).
  if (const FunctionDecl *Definition = FD->getDefinition(); Definition && !Definition->hasSkippedBody())
    return false;
  const SourceManager &SM = Context.AST.getSourceManager();
  SourceLocation Loc = FD->getCanonicalDecl()->getLocation();
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return false;
  std::optional<Role> R = Context.Roles.roleOf(FD);
  if (R && *R != Role::RequiresScope && *R != Role::Invocation)
    return false;
  // The members of a store or guard class are its API, not the user's code.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD)) {
    if (Method->getParent()->isLambda())
      return false;
    std::optional<Role> ClassRole = Context.Roles.roleOf(Method->getParent());
    if (ClassRole == Role::Store || ClassRole == Role::ScopeGuard)
      return false;
  }
  return true;
}

namespace {
/// The direct callees of an initializer, not inside the lambdas it makes.
class InitializerCallees : public RecursiveASTVisitor<InitializerCallees> {
public:
  std::vector<const FunctionDecl *> Found;
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *E) {
    if (const FunctionDecl *Callee = E->getDirectCallee())
      Found.push_back(Callee);
    return true;
  }
};
} // namespace

std::vector<const FunctionDecl *> calleesOfInitializers(const FunctionIndex &Index) {
  InitializerCallees Walk;
  for (const VarDecl *VD : Index.Globals)
    if (const Expr *Init = VD->getInit())
      Walk.TraverseStmt(const_cast<Expr *>(Init));
  return std::move(Walk.Found);
}

void followCallsElsewhere(const AnalysisContext &Context, FunctionIndex &Index) {
  for (const FunctionDecl *Callee : calleesOfInitializers(Index))
    if (!Index.find(Callee) && isElsewhereCandidate(Context, Callee))
      Index.Elsewhere.insert(Callee->getCanonicalDecl());
  for (const auto &Entry : Index.Functions) {
    const FunctionInfo &Info = Entry.second;
    for (const FunctionDecl *Callee : Info.Callees)
      if (!Index.find(Callee) && isElsewhereCandidate(Context, Callee))
        Index.Elsewhere.insert(Callee->getCanonicalDecl());
    for (const FunctionDecl *Callee : Info.Invocations)
      if (!Index.find(Callee) && isElsewhereCandidate(Context, Callee))
        Index.Elsewhere.insert(Callee->getCanonicalDecl());
  }
}

bool callsElsewhere(const FunctionInfo &Info, const FunctionIndex &Index) {
  if (Index.Elsewhere.empty())
    return false;
  auto Followed = [&](const FunctionDecl *FD) {
    return Index.Elsewhere.count(FD->getCanonicalDecl());
  };
  return llvm::any_of(Info.Callees, Followed) || llvm::any_of(Info.Invocations, Followed);
}

std::vector<const FunctionDecl *> escapingElsewhere(const AnalysisContext &Context,
                                                    const FunctionIndex &Index) {
  std::vector<const FunctionDecl *> Escaping;
  for (const FunctionDecl *FD : Index.EscapingElsewhere)
    if (isElsewhereCandidate(Context, FD))
      Escaping.push_back(FD->getCanonicalDecl());
  return Escaping;
}

std::vector<const FunctionDecl *> throwersForElsewhere(const AnalysisContext &Context,
                                                       const FunctionIndex &Index,
                                                       const SummaryMap &Summaries) {
  const SourceManager &SM = Context.AST.getSourceManager();
  std::vector<const FunctionDecl *> Throwers;
  for (const auto &[Key, Info] : Index.Functions) {
    const FunctionDecl *FD = Info.FD;
    if (!FD || !Info.MayThrow || Summaries.count(FD->getCanonicalDecl()) ||
        !FD->isExternallyVisible() || FD->isTemplateInstantiation() ||
        !SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      continue;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD); Method && Method->getParent()->isLambda())
      continue;
    Throwers.push_back(FD);
  }
  return Throwers;
}

} // namespace clang::tidy::asyncctx

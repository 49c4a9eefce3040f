//===--- StoreValues.cpp - asyncctx-tidy ----------------------------------===//

#include "StoreValues.h"
#include "Roles.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::asyncctx {

static constexpr unsigned MaxDepth = 16;

const CallExpr *StoreValueFinder::sourceOf(const Expr *E) { return sourceOf(E, 0); }

const CallExpr *StoreValueFinder::sourceOf(const Expr *E, unsigned Depth) {
  if (!E || Depth > MaxDepth)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    return sourceOf(EWC->getSubExpr(), Depth + 1);
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return sourceOf(MTE->getSubExpr(), Depth + 1);
  if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
    return sourceOf(BTE->getSubExpr(), Depth + 1);
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return sourceOf(Cast->getSubExpr(), Depth + 1);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 1 ? sourceOf(Construct->getArg(0), Depth + 1) : nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref ? sourceOf(UO->getSubExpr(), Depth + 1) : nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return sourceOf(ME->getBase(), Depth + 1);
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    if (const CallExpr *Source = sourceOf(CO->getTrueExpr(), Depth + 1))
      return Source;
    return sourceOf(CO->getFalseExpr(), Depth + 1);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    // A local variable carries what initialized it.
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && VD->isLocalVarDecl() && !VD->isStaticLocal() && VD->getInit())
      return sourceOf(VD->getInit(), Depth + 1);
    return nullptr;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return nullptr;
  const FunctionDecl *Callee = Call->getDirectCallee();
  // A snapshot is taken to be made current again: kept, it outlives its
  // invocation just as a read value does.
  if (std::optional<Role> R = Roles.roleOf(Callee); R == Role::Read || R == Role::Snapshot)
    return Call;
  // `*c`, `c->x` and `c.get()` on a smart pointer or a value: part of it.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow)
      return sourceOf(Op->getArg(0), Depth + 1);
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call))
    if (const CallExpr *Source = sourceOf(MemberCall->getImplicitObjectArgument(), Depth + 1))
      return Source;
  return Callee ? returnedBy(Callee, Depth + 1) : nullptr;
}

namespace {
/// The return statements of a function, not of the lambdas in it.
class ReturnCollector : public RecursiveASTVisitor<ReturnCollector> {
public:
  llvm::SmallVector<const ReturnStmt *, 4> Found;
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitReturnStmt(ReturnStmt *S) {
    Found.push_back(S);
    return true;
  }
};
} // namespace

const CallExpr *StoreValueFinder::returnedBy(const FunctionDecl *FD, unsigned Depth) {
  const FunctionDecl *Definition = FD->getDefinition();
  if (!Definition || !Definition->getBody() || Depth > MaxDepth)
    return nullptr;
  auto [It, Inserted] = Returns.try_emplace(Definition, nullptr);
  if (!Inserted)
    return It->second; // known, or being computed (a cycle)
  ReturnCollector Visitor;
  Visitor.TraverseStmt(Definition->getBody());
  const CallExpr *Source = nullptr;
  for (const ReturnStmt *Return : Visitor.Found)
    if ((Source = sourceOf(Return->getRetValue(), Depth + 1)))
      break;
  Returns[Definition] = Source;
  return Source;
}

} // namespace clang::tidy::asyncctx

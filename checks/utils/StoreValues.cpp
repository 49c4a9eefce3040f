//===--- StoreValues.cpp - asyncctx-tidy ----------------------------------===//

#include "StoreValues.h"
#include "Roles.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::asyncctx {

static constexpr unsigned MaxDepth = 16;

StoreValueFinder::Source StoreValueFinder::find(const Expr *E, unsigned Depth) {
  if (!E || Depth > MaxDepth)
    return {};
  E = E->IgnoreParenImpCasts();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    return find(EWC->getSubExpr(), Depth + 1);
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return find(MTE->getSubExpr(), Depth + 1);
  if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
    return find(BTE->getSubExpr(), Depth + 1);
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return find(Cast->getSubExpr(), Depth + 1);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 1 ? find(Construct->getArg(0), Depth + 1) : Source();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref ? find(UO->getSubExpr(), Depth + 1) : Source();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return find(ME->getBase(), Depth + 1);
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    if (Source Found = find(CO->getTrueExpr(), Depth + 1))
      return Found;
    return find(CO->getFalseExpr(), Depth + 1);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    // A local variable carries what initialized it.
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && VD->isLocalVarDecl() && !VD->isStaticLocal() && VD->getInit())
      return find(VD->getInit(), Depth + 1);
    return {};
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return {};
  const FunctionDecl *Callee = Call->getDirectCallee();
  // A snapshot is taken to be made current again: kept, it outlives its
  // invocation just as a read value does.
  if (std::optional<Role> R = Roles.roleOf(Callee); R == Role::Read || R == Role::Snapshot)
    return {Call, nullptr};
  // `*c`, `c->x` and `c.get()` on a smart pointer or a value: part of it.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow)
      return find(Op->getArg(0), Depth + 1);
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call))
    if (Source Found = find(MemberCall->getImplicitObjectArgument(), Depth + 1))
      return Found;
  if (!Callee)
    return {};
  if (Elsewhere && Elsewhere->count(Callee->getCanonicalDecl()))
    return {nullptr, Callee->getCanonicalDecl()};
  return returned(Callee, Depth + 1);
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

StoreValueFinder::Source StoreValueFinder::returned(const FunctionDecl *FD, unsigned Depth) {
  const FunctionDecl *Definition = FD->getDefinition();
  if (!Definition || !Definition->getBody() || Depth > MaxDepth)
    return {};
  auto [It, Inserted] = Returns.try_emplace(Definition, Source());
  if (!Inserted)
    return It->second; // known, or being computed (a cycle)
  ReturnCollector Visitor;
  Visitor.TraverseStmt(Definition->getBody());
  // A READ of its own wins over a function of another file.
  Source Found;
  for (const ReturnStmt *Return : Visitor.Found) {
    Source One = find(Return->getRetValue(), Depth + 1);
    if (One.Read) {
      Found = One;
      break;
    }
    if (!Found)
      Found = One;
  }
  Returns[Definition] = Found;
  return Found;
}

} // namespace clang::tidy::asyncctx

//===--- EnterWithCheck.cpp - asyncctx-tidy -------------------------------===//
//
// Every call of an ENTER_WITH-role function is reported: the value it makes
// current has no scope that a reader of the code can see the end of.
//
//===----------------------------------------------------------------------===//

#include "EnterWithCheck.h"
#include "utils/Roles.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncctx {

void EnterWithCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAsyncCtxRole(Role::EnterWith))))
          .bind("call"),
      this);
}

void EnterWithCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (Call->containsErrors())
    return;
  SourceLocation Loc = Call->getExprLoc();
  if (!Reported.insert(Loc).second)
    return;

  const PrintingPolicy &Policy = Result.Context->getPrintingPolicy();
  StoreRef Store = storeOfCall(Call);
  const FunctionDecl *Callee = Call->getDirectCallee();
  const CXXMethodDecl *Scoped = findMemberWithRole(Store.Class, Role::Run);
  if (Scoped)
    diag(Loc, "%0 makes a value current in store '%1' with no scope; use %2 "
              "instead")
        << Callee << Store.name(Policy) << Scoped;
  else
    diag(Loc, "%0 makes a value current in store '%1' with no scope")
        << Callee << Store.name(Policy);
}

} // namespace clang::tidy::asyncctx

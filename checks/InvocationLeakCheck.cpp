//===--- InvocationLeakCheck.cpp - asyncctx-tidy --------------------------===//
//
// Three ways a value outlives its invocation on a thread that serves many
// (a warm Lambda container, a pool thread):
//  1. ENTER_WITH, here or in a function the invocation calls, with some path
//     that ends the invocation without DISABLE (utils/ScopeAnalysis);
//  2. a value read from a store, or part of one, kept in a variable of
//     static, thread or namespace storage (utils/StoreValues);
//  3. a scope that never ends: a SCOPE_GUARD of static or thread storage or
//     made with `new`, an ENTER_WITH in a static initializer.
//
//===----------------------------------------------------------------------===//

#include "InvocationLeakCheck.h"
#include "utils/Roles.h"
#include "utils/RunRewrite.h"
#include "utils/ScopeAnalysis.h"
#include "utils/StoreValues.h"

#include "clang/AST/ASTContext.h"

namespace clang::tidy::asyncctx {

InvocationLeakCheck::InvocationLeakCheck(StringRef Name, ClangTidyContext *Context)
    : TranslationUnitCheck(Name, Context),
      EnterWithCheckEnabled(Context->isCheckEnabled("asyncctx-enter-with")) {}

void InvocationLeakCheck::onStartOfTranslationUnit() {
  TranslationUnitCheck::onStartOfTranslationUnit();
  Reported.clear();
  Values = StoreValueFinder();
}

void InvocationLeakCheck::checkKeptValue(const Expr *Value, const NamedDecl *Target,
                                         SourceLocation Loc) {
  const CallExpr *Source = Values.sourceOf(Value);
  if (!Source || !Reported.insert(Loc).second)
    return;
  const PrintingPolicy &Policy = Target->getASTContext().getPrintingPolicy();
  // A static data member is named with its class: 'Cache::user'.
  std::string Name = Target->getDeclContext()->isRecord() ? qualifiedName(Target)
                                                          : Target->getNameAsString();
  diag(Loc, "a value read from store '%0' is kept in '%1', which outlives the invocation")
      << storeOfCall(Source).name(Policy) << Name;
  diag(Source->getExprLoc(), "read here", DiagnosticIDs::Note);
}

void InvocationLeakCheck::checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) {
  checkNeverEndingScopes(Facts);
  checkEndedInvocations(Facts, Ctx);
}

void InvocationLeakCheck::checkNeverEndingScopes(const ScopeFacts &Facts) {
  for (const StaticStore &Store : Facts.StaticStores)
    checkKeptValue(Store.Value, Store.Target, Store.Loc);
  for (const VarDecl *VD : Facts.StaticGuards)
    if (Reported.insert(VD->getLocation()).second)
      diag(VD->getLocation(), "scope guard %0 has %select{static|thread}1 storage: its scope "
                              "never ends, and every later invocation sees its value")
          << VD << (VD->getTLSKind() != VarDecl::TLS_None);
  for (const CXXNewExpr *New : Facts.NewGuards)
    if (Reported.insert(New->getBeginLoc()).second)
      diag(New->getBeginLoc(), "scope guard made with 'new': its scope ends only when it is "
                               "deleted, and every invocation until then sees its value");
  for (const KeptGuard &Kept : Facts.KeptGuards) {
    if (!Reported.insert(Kept.Loc).second)
      continue;
    const NamedDecl *Maker =
        isa<CallExpr>(Kept.Guard)
            ? static_cast<const NamedDecl *>(cast<CallExpr>(Kept.Guard)->getDirectCallee())
            : cast<CXXConstructExpr>(Kept.Guard)->getConstructor()->getParent();
    std::string Store = storeOfGuard(Kept.Guard).name(Kept.Target->getASTContext().getPrintingPolicy());
    if (isa<FieldDecl>(Kept.Target))
      diag(Kept.Loc, "the scope guard made by %0 is kept in member %1: its scope of store '%2' "
                     "ends only when the object is destroyed, and every invocation until then "
                     "sees its value")
          << Maker << Kept.Target << Store;
    else
      diag(Kept.Loc, "the scope guard made by %0 is kept in %1, which has static storage: its "
                     "scope of store '%2' never ends, and every later invocation sees its value")
          << Maker << Kept.Target << Store;
  }
  for (const auto &[Call, VD] : Facts.EnterWithInStaticInit)
    if (Reported.insert(Call->getExprLoc()).second)
      diag(Call->getExprLoc(), "%0 in the initializer of %1 makes a value current that no "
                               "invocation ends")
          << Call->getDirectCallee() << VD;
}

void InvocationLeakCheck::checkEndedInvocations(const ScopeFacts &Facts, ASTContext &Ctx) {
  const PrintingPolicy &Policy = Ctx.getPrintingPolicy();
  RunRewriteCache Rewrites;
  for (const LeakFact &Leak : Facts.Leaks) {
    SourceLocation Loc = Leak.EnterWith->getExprLoc();
    if (!Reported.insert(Loc).second)
      continue;
    std::string Store = Leak.Store.name(Policy);
    std::string Invocation = describeFunction(Leak.Invocation);
    // The rewrite into run where the enter_with is in the invocation itself
    // (run also restores the store when an exception leaves).
    RunRewrite Plan;
    if (!Leak.ViaLoc.isValid() && !EnterWithCheckEnabled)
      Plan = planRunRewrite(Leak.EnterWith, Ctx, Rewrites);
    {
      auto Warning = diag(Loc, "store '%0' can still hold the value %1 made current when %2 ends")
                     << Store << Leak.EnterWith->getDirectCallee() << Invocation;
      if (Plan.safeInEntryPoint())
        Warning << Plan.Edits;
    }
    if (Leak.ViaLoc.isValid())
      diag(Leak.ViaLoc, "%0 calls it here", DiagnosticIDs::Note) << Invocation;
    diag(Leak.EndLoc, "%0 can end here with the value still current",
         DiagnosticIDs::Note)
        << Invocation;
  }
}

} // namespace clang::tidy::asyncctx

//===--- EnterWithCheck.cpp - asyncctx-tidy -------------------------------===//
//
// Every call of an ENTER_WITH-role function is reported: the value it makes
// current has no scope that a reader of the code can see the end of.
//
// The rewrite into RUN (utils/RunRewrite) goes on the warning, for -fix, only
// where it cannot change what any read observes: in an entry point (`main`,
// an invocation, a thread's callable: ScopeFacts::entryOf), which starts with no
// value current, when the wrapped statements end the function or end at a
// DISABLE. Elsewhere (a helper whose callers may read the value after it
// returns) it goes on a note, applied only with --fix-notes, that says what
// to check. Where there can be no rewrite, a note says why.
//
//===----------------------------------------------------------------------===//

#include "EnterWithCheck.h"
#include "utils/Roles.h"
#include "utils/RunRewrite.h"
#include "utils/ScopeAnalysis.h"

#include "clang/AST/ASTContext.h"

namespace clang::tidy::asyncctx {

void EnterWithCheck::onStartOfTranslationUnit() {
  TranslationUnitCheck::onStartOfTranslationUnit();
  Reported.clear();
  Rewrites.clear();
}

// The calls come from the shared traversal of the user's code: it visits
// template instantiations, where a call whose store type depends on a
// template parameter is resolved.
void EnterWithCheck::checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) {
  for (const CallExpr *Call : Facts.EnterWithCalls)
    reportCall(Call, Facts, Ctx);
}

void EnterWithCheck::reportCall(const CallExpr *Call, const ScopeFacts &Facts, ASTContext &Ctx) {
  if (Call->containsErrors())
    return;
  SourceLocation Loc = Call->getExprLoc();
  if (!Reported.insert(Loc).second)
    return;

  const PrintingPolicy &Policy = Ctx.getPrintingPolicy();
  StoreRef Store = storeOfCall(Call);
  const FunctionDecl *Callee = knownCallee(Call);
  std::string StoreName = Store.name(Policy);
  const CXXMethodDecl *Scoped = findMemberWithRole(Store.Class, Role::Run);
  // A configured store names its scoped form in the configuration.
  std::string Alternative =
      Scoped ? "'" + Scoped->getNameAsString() + "'" : roles().scopedAlternative(Store.Named).str();
  RunRewrite Plan = planRunRewrite(Call, Ctx, Rewrites);
  EntryKind Entry = Facts.entryOf(Plan.Function);
  bool SafeForFix = Entry != EntryKind::None && Plan.safeInEntryPoint();
  {
    auto Warning =
        !Alternative.empty()
            ? diag(Loc, "%0 makes a value current in store '%1' with no scope; use %2 instead")
                  << Callee << StoreName << Alternative
            : diag(Loc, "%0 makes a value current in store '%1' with no scope")
                  << Callee << StoreName;
    if (SafeForFix)
      Warning << Plan.Edits;
  }
  if (SafeForFix)
    return;
  if (Plan.blocked()) {
    diag(Ctx.getSourceManager().getExpansionLoc(Plan.BlockedAt), "no fix-it: %0",
         DiagnosticIDs::Note)
        << Plan.BlockedReason;
    return;
  }
  if (Entry == EntryKind::None) {
    std::string Caller = describeFunction(Plan.Function);
    diag(Loc, "rewrite into %0 if no caller of %1 reads store '%2' after it returns",
         DiagnosticIDs::Note)
        << Scoped << Caller << StoreName << Plan.Edits;
  }
  else
    diag(Loc, "rewrite into %0 if nothing after this block reads store '%1'", DiagnosticIDs::Note)
        << Scoped << StoreName << Plan.Edits;
  // clangd (where diagnostics are self-contained) makes a diagnostic's only
  // quick fix the preferred one, which editors apply unasked; a note's
  // rewrite must never be that, so there it comes with a second choice.
  if (areDiagsSelfContained()) {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation Line = SM.getExpansionLoc(Loc);
    StringRef Rest = SM.getCharacterData(Line);
    size_t LineEnd = std::min(Rest.find_first_of("\r\n"), Rest.size());
    diag(Line, "silence the warning on this line (NOLINT)", DiagnosticIDs::Note)
        << FixItHint::CreateInsertion(Line.getLocWithOffset(LineEnd),
                                      " // NOLINT(" + getID().str() + ")");
  }
}

} // namespace clang::tidy::asyncctx

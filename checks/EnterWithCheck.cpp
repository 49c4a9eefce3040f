//===--- EnterWithCheck.cpp - asyncctx-tidy -------------------------------===//
//
// Every call of an ENTER_WITH-role function is reported: the value it makes
// current has no scope that a reader of the code can see the end of. Not
// reported: a set that a restoring guard around it undoes, and a set of a
// configured store (which has no run() to rewrite into) that the same
// function clears after it (`MDC::put` ... `MDC::remove`, folly's
// `setContext(prev)` restoring what the set returned): those are manual
// scopes, whose paths are asyncctx-invocation-leak's business.
//
// The rewrite into RUN (utils/RunRewrite) goes on the warning, for -fix, only
// where it cannot change what any read observes: in an entry point (`main`,
// an invocation, a thread's callable), which starts with no value current,
// when the wrapped statements end the function or end at a DISABLE.
// Elsewhere (a helper whose callers may read the value after it returns) it
// goes on a note, applied only with --fix-notes, that says what to check.
// Where there can be no rewrite, a note says why.
//
//===----------------------------------------------------------------------===//

#include "EnterWithCheck.h"
#include "utils/Roles.h"
#include "utils/RunRewrite.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::asyncctx {

static std::string quoted(const NamedDecl *D) {
  return D ? "'" + D->getNameAsString() + "'" : "the call";
}

std::string describeRefusal(const RewriteRefusal &Refusal, const RunRewrite &Plan) {
  using Reason = RewriteRefusal::Reason;
  std::string Run = quoted(Plan.RunMember), Subject = quoted(Refusal.Subject);
  std::string Word = "'" + Refusal.Word + "'";
  switch (Refusal.Why) {
  case Reason::None:
    return "";
  case Reason::NoRunMember:
    return Refusal.Word.empty() ? "the store has no member annotated ASYNCCTX_RUN"
                                : "store " + Word + " has no run() to rewrite into";
  case Reason::CallInMacro:
    return "the call is in a macro expansion";
  case Reason::NotOneArgument:
    return Subject + " is not called with exactly one argument";
  case Reason::ResultUsed:
    return "its result is used";
  case Reason::NothingFollows:
    return "nothing follows it in its block; use " + Run + " around the code that needs the value";
  case Reason::NotAStatement:
    return "it is not a statement of its block";
  case Reason::NotInFunction:
    return "it is not in the body of a function or lambda";
  case Reason::InsideAnotherRewrite:
    return "it is among the statements that the " + Subject +
           " here would wrap; rewrite these calls by hand";
  case Reason::NothingBeforeDisable:
    return "no statement comes between it and the " + Subject;
  case Reason::RegionInMacro:
    return "the statements it would wrap begin or end inside a macro";
  case Reason::DisableInMacro:
    return "the " + Subject + " that ends them is inside a macro";
  case Reason::CrossesConditional:
    return "the statements it would wrap cross a preprocessor conditional ('#" + Refusal.Word +
           "' here)";
  case Reason::LeavesLambda:
    return Word + " would leave the lambda that " + Run + " calls";
  case Reason::LabelInLambda:
    return Word + " label would be inside the lambda that " + Run + " calls";
  case Reason::ReturnFromLambda:
    return "'return' would return from the lambda that " + Run + " calls, not from " +
           (Refusal.Subject ? Subject : "the enclosing lambda");
  case Reason::CoroutineKeyword:
    return "the statements it would wrap contain " + Word;
  case Reason::Jump:
    return "the statements it would wrap contain " +
           (Refusal.Word == "goto" ? Word : "a " + Refusal.Word);
  case Reason::NamesFunction:
    return Word + " would name the lambda that " + Run + " calls";
  case Reason::AnotherEnterWith:
    return "the statements it would wrap contain another " + Subject +
           "; rewrite these calls by hand";
  case Reason::StructuredBinding:
    return "structured binding " + Subject + " cannot be captured by a lambda before C++20";
  case Reason::UsedAfterDisable:
    return Subject + " is declared in the statements it would wrap and used after the " +
           quoted(Refusal.Other);
  case Reason::MainWithoutReturn:
    return "'main' can reach its end without 'return' after the statements it would wrap";
  }
  llvm_unreachable("unknown refusal");
}

void EnterWithCheck::checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) {
  RoleLayer Roles(roles());
  RunRewriteCache Rewrites(Roles);
  for (const EnterWithFact &Fact : Facts.EnterWiths)
    report(Fact, Rewrites, Ctx);
}

void EnterWithCheck::report(const EnterWithFact &Fact, RunRewriteCache &Rewrites, ASTContext &Ctx) {
  using Closing = EnterWithFact::Closing;
  // Installing a context that an item carries is the running side of
  // propagation; the code that runs the work must isolate it
  // (asyncctx-invocation-leak).
  if (Fact.Call->containsErrors() || Fact.Installs || Fact.Closed == Closing::ByRestoringGuard ||
      (Fact.Closed == Closing::ByDisable && !Fact.Store.Named.empty()))
    return;
  SourceLocation Loc = Fact.Call->getExprLoc();
  std::string StoreName = Fact.Store.name(Ctx.getPrintingPolicy());
  // A configured store names its scoped form in the configuration.
  std::string Alternative = Fact.RunMember ? quoted(Fact.RunMember)
                                           : roles().scopedAlternative(Fact.Store.Named).str();
  RunRewrite Plan = planRunRewrite(Fact, Ctx, Rewrites);
  bool SafeForFix = Fact.Entry != EntryKind::None && Plan.safeInEntryPoint();
  {
    auto Warning =
        !Alternative.empty()
            ? diag(Loc, "%0 makes a value current in store '%1' with no scope; use %2 instead")
                  << Fact.Callee << StoreName << Alternative
            : diag(Loc, "%0 makes a value current in store '%1' with no scope")
                  << Fact.Callee << StoreName;
    if (SafeForFix)
      Warning << Plan.Edits;
  }
  if (SafeForFix)
    return;
  if (Plan.refused()) {
    diag(Ctx.getSourceManager().getExpansionLoc(Plan.Refusal.At), "no fix-it: %0",
         DiagnosticIDs::Note)
        << describeRefusal(Plan.Refusal, Plan);
    return;
  }
  offerOnNote(Fact, Plan, Ctx);
}

void EnterWithCheck::offerOnNote(const EnterWithFact &Fact, const RunRewrite &Plan,
                                 ASTContext &Ctx) {
  SourceLocation Loc = Fact.Call->getExprLoc();
  std::string StoreName = Fact.Store.name(Ctx.getPrintingPolicy());
  if (Fact.Entry == EntryKind::None)
    diag(Loc, "rewrite into %0 if no caller of %1 reads store '%2' after it returns",
         DiagnosticIDs::Note)
        << Fact.RunMember << describeFunction(Fact.Function) << StoreName << Plan.Edits;
  else
    diag(Loc, "rewrite into %0 if nothing after this block reads store '%1'", DiagnosticIDs::Note)
        << Fact.RunMember << StoreName << Plan.Edits;
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

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
// And, for deferred work (spec, "Deferred work and the code it runs"), each
// item of work is an invocation of its own:
//  4. work taken from a queue that runs while a context installed with no
//     scope is current, with nothing to put the previous one back (rule 3);
//  5. a snapshot of the context kept in a data member that nothing drops,
//     or taken implicitly for a callback object that outlives the request
//     (rule 4).
//
//===----------------------------------------------------------------------===//

#include "InvocationLeakCheck.h"
#include "utils/Roles.h"
#include "utils/RunRewrite.h"

#include "clang/AST/ASTContext.h"

namespace clang::tidy::asyncctx {

InvocationLeakCheck::InvocationLeakCheck(StringRef Name, ClangTidyContext *Context,
                                         std::shared_ptr<AnalysisSession> Session)
    : TranslationUnitCheck(Name, Context, std::move(Session)),
      EnterWithCheckEnabled(Context->isCheckEnabled("asyncctx-enter-with")) {}

void InvocationLeakCheck::checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) {
  reportKeptValues(Facts, Ctx);
  reportNeverEndingScopes(Facts, Ctx);
  reportLeaks(Facts, Ctx);
  reportUnisolatedRuns(Facts, Ctx);
  reportKeptSnapshots(Facts, Ctx);
  reportImplicitCaptures(Facts, Ctx);
}

void InvocationLeakCheck::reportUnisolatedRuns(const ScopeFacts &Facts, ASTContext &Ctx) {
  for (const UnisolatedRunFact &Run : Facts.UnisolatedRuns) {
    std::string Store = Run.Store.name(Ctx.getPrintingPolicy());
    const FunctionDecl *Installer = Run.InstalledBy->getDirectCallee();
    diag(Run.Loc, "%0 runs %1 of an item taken from a queue while the context that %2 installed "
                  "in store '%3' has no scope: what the work leaves current stays for the next "
                  "item and the caller")
        << describeFunction(Run.Function) << Run.Work << Installer << Store;
    if (Run.InstalledVia.isValid())
      diag(Run.InstalledVia, "the context is installed through this call", DiagnosticIDs::Note);
    else
      diag(Run.InstalledBy->getExprLoc(), "the context is installed here", DiagnosticIDs::Note);
    llvm::StringRef Guard = roles().scopedAlternative(Run.Store.Named);
    diag(Run.Loc, "run each item in a scope that puts the previous context back%select{| (%1, "
                  "or a guard that saves and restores around the loop)}0",
         DiagnosticIDs::Note)
        << !Guard.empty() << Guard;
  }
}

void InvocationLeakCheck::reportKeptSnapshots(const ScopeFacts &Facts, ASTContext &) {
  for (const KeptSnapshotFact &Kept : Facts.KeptSnapshots) {
    diag(Kept.Loc, "%select{a snapshot of the current context|the context taken by default}0 is "
                   "kept in member %1, which nothing drops: the object keeps that request's "
                   "context alive after its work, and hands it to later work")
        << Kept.FromDefault << Kept.Member;
    diag(Kept.Member->getLocation(), "drop it when the work has run or is cancelled (reset it, "
                                     "or move it into the scope that runs the work)",
         DiagnosticIDs::Note);
  }
}

void InvocationLeakCheck::reportImplicitCaptures(const ScopeFacts &Facts, ASTContext &Ctx) {
  for (const ImplicitCaptureFact &Capture : Facts.ImplicitCaptures) {
    SourceLocation Loc = Capture.Call->getExprLoc();
    if (Capture.K == ImplicitCaptureFact::Kind::InScope) {
      diag(Loc, "%0 keeps the current context with a callback object that outlives the request, "
                "while the scope of store '%1' is active: that request's context lives as long as "
                "the callback")
          << Capture.Callee << Capture.Store.name(Ctx.getPrintingPolicy());
      diag(Capture.OpenedAt, "the scope was opened here", DiagnosticIDs::Note);
    } else {
      diag(Loc, "%0 schedules %1 again from its own callback and keeps the context it runs in: "
                "the context of the request that first scheduled it lives as long as it keeps "
                "rescheduling")
          << Capture.Callee << cast<CXXMethodDecl>(Capture.Function)->getParent();
    }
    diag(Loc, "schedule it where no request's scope is active (under a scope of an empty "
              "context), or pass an empty context explicitly",
         DiagnosticIDs::Note);
  }
}

void InvocationLeakCheck::reportKeptValues(const ScopeFacts &Facts, ASTContext &Ctx) {
  for (const KeptValueFact &Kept : Facts.KeptValues) {
    // A static data member is named with its class: 'Cache::user'.
    std::string Name = Kept.Target->getDeclContext()->isRecord() ? qualifiedName(Kept.Target)
                                                                 : Kept.Target->getNameAsString();
    diag(Kept.Loc, "a value read from store '%0' is kept in '%1', which outlives the invocation")
        << Kept.Store.name(Ctx.getPrintingPolicy()) << Name;
    if (const ExternalRead *Elsewhere = Kept.ReadElsewhere)
      diag(Kept.Loc, "read here (%0), in %1", DiagnosticIDs::Note)
          << Elsewhere->At.Shown << Elsewhere->Reader;
    else
      diag(Kept.Read->getExprLoc(), "read here", DiagnosticIDs::Note);
  }
}

void InvocationLeakCheck::reportNeverEndingScopes(const ScopeFacts &Facts, ASTContext &Ctx) {
  const PrintingPolicy &Policy = Ctx.getPrintingPolicy();
  using Kind = KeptGuardFact::Kind;
  for (const KeptGuardFact &Kept : Facts.KeptGuards)
    switch (Kept.K) {
    case Kind::StaticVariable:
    case Kind::ThreadVariable:
      diag(Kept.Loc, "scope guard %0 has %select{static|thread}1 storage: its scope never ends, "
                     "and every later invocation sees its value")
          << Kept.Target << (Kept.K == Kind::ThreadVariable);
      break;
    case Kind::New:
      diag(Kept.Loc, "scope guard made with 'new': its scope ends only when it is deleted, and "
                     "every invocation until then sees its value");
      break;
    case Kind::Member:
      diag(Kept.Loc, "the scope guard made by %0 is kept in member %1: its scope of store '%2' "
                     "ends only when the object is destroyed, and every invocation until then "
                     "sees its value")
          << Kept.Maker << Kept.Target << Kept.Store.name(Policy);
      break;
    case Kind::Released:
      diag(Kept.Loc, "the scope guard held in %0 is released without being destroyed: its scope "
                     "of store '%1' never ends, and every later invocation sees its value")
          << Kept.Target << Kept.Store.name(Policy);
      break;
    case Kind::StaticAssigned:
      diag(Kept.Loc, "the scope guard made by %0 is kept in %1, which has static storage: its "
                     "scope of store '%2' never ends, and every later invocation sees its value")
          << Kept.Maker << Kept.Target << Kept.Store.name(Policy);
      break;
    }
  for (const EnterWithFact &Enter : Facts.EnterWiths)
    if (Enter.StaticInit)
      diag(Enter.Call->getExprLoc(), "%0 in the initializer of %1 makes a value current that no "
                                     "invocation ends")
          << Enter.Callee << Enter.StaticInit;
}

void InvocationLeakCheck::reportLeaks(const ScopeFacts &Facts, ASTContext &Ctx) {
  const PrintingPolicy &Policy = Ctx.getPrintingPolicy();
  RoleLayer Roles(roles());
  RunRewriteCache Rewrites(Roles);
  for (const LeakFact &Leak : Facts.Leaks) {
    if (Leak.Entered.Elsewhere) {
      reportLeakElsewhere(Leak, Ctx);
      continue;
    }
    SourceLocation Loc = Leak.Entered.Call->getExprLoc();
    std::string Store = Leak.Entered.Store.name(Policy);
    std::string Invocation = describeFunction(Leak.Invocation);
    // The rewrite into run where the enter_with is in the invocation itself
    // (run also restores the store when an exception leaves).
    RunRewrite Plan;
    if (!Leak.ViaLoc.isValid() && !EnterWithCheckEnabled)
      Plan = planRunRewrite(Leak.Entered, Ctx, Rewrites);
    {
      auto Warning = diag(Loc, "store '%0' can still hold the value %1 made current when %2 ends")
                     << Store << Leak.Entered.Callee << Invocation;
      if (Plan.safeInEntryPoint())
        Warning << Plan.Edits;
    }
    if (Leak.ViaLoc.isValid())
      diag(Leak.ViaLoc, "%0 calls it here", DiagnosticIDs::Note) << Invocation;
    for (SourceLocation End : Leak.EndLocs)
      diag(End, "%0 can end here with the value still current", DiagnosticIDs::Note)
          << Invocation;
  }
}

void InvocationLeakCheck::reportLeakElsewhere(const LeakFact &Leak, ASTContext &Ctx) {
  // The ENTER_WITH is in another file: the warning stands where it is, as
  // in a run over all the code, in that file opened for the purpose; only
  // where that file cannot be read, at the call that leads there.
  const ExternalCall &Entered = *Leak.Entered.Elsewhere;
  SourceLocation Loc = locationOf(Entered.At, Ctx.getSourceManager());
  bool There = Loc.isValid();
  if (!There)
    Loc = Leak.ViaLoc;
  std::string Invocation = describeFunction(Leak.Invocation);
  diag(Loc, "store '%0' can still hold the value %1 made current when %2 ends")
      << Leak.Entered.Store.name(Ctx.getPrintingPolicy()) << Entered.Callee << Invocation;
  if (!There)
    diag(Loc, "%0 makes it current (%1)", DiagnosticIDs::Note) << Entered.Callee << Entered.At.Shown;
  diag(Leak.ViaLoc, "%0 calls it here", DiagnosticIDs::Note) << Invocation;
  for (SourceLocation End : Leak.EndLocs)
    diag(End, "%0 can end here with the value still current", DiagnosticIDs::Note) << Invocation;
}

} // namespace clang::tidy::asyncctx

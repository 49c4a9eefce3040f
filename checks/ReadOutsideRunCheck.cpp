//===--- ReadOutsideRunCheck.cpp - asyncctx-tidy --------------------------===//
//
// Reporting only: utils/ScopeAnalysis finds the reads; this turns each fact
// into a warning that names the store, a note where the missing scope comes
// from, and notes down the call chain to the read.
//
//===----------------------------------------------------------------------===//

#include "ReadOutsideRunCheck.h"
#include "utils/RunRewrite.h"
#include "utils/ScopeAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncctx {

ReadOutsideRunCheck::ReadOutsideRunCheck(StringRef Name, ClangTidyContext *Context,
                                         std::shared_ptr<AnalysisSession> Session)
    : TranslationUnitCheck(Name, Context, std::move(Session)),
      StrictMode(Options.get("StrictMode", false)),
      MaxChainNotes(Options.get("MaxChainNotes", 8U)) {}

void ReadOutsideRunCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  TranslationUnitCheck::storeOptions(Opts);
  Options.store(Opts, "StrictMode", StrictMode);
  Options.store(Opts, "MaxChainNotes", MaxChainNotes);
}

void ReadOutsideRunCheck::checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) {
  for (const ReadFact &Fact : Facts.Reads)
    if (Fact.K != ReadFact::Kind::UnknownCallers || StrictMode)
      report(Fact, Ctx);
  reportDiscardedGuards(Facts, Ctx);
  reportNeverNullTests(Facts, Ctx);
}

void ReadOutsideRunCheck::reportDiscardedGuards(const ScopeFacts &Facts, ASTContext &Ctx) {
  for (const DiscardedGuardFact &Guard : Facts.DiscardedGuards) {
    std::string Store = Guard.Store.name(Ctx.getPrintingPolicy());
    if (Guard.MadeByCall)
      diag(Guard.Loc, "the scope guard that %0 returns is discarded: its scope of store '%1' ends "
                      "with this statement")
          << Guard.Maker << Store;
    else
      diag(Guard.Loc, "temporary scope guard %0 is destroyed at the end of this statement: its "
                      "scope of store '%1' covers nothing")
          << Guard.Maker << Store;
    diag(Guard.Loc, "keep it in a local variable for as long as the scope should last",
         DiagnosticIDs::Note);
  }
}

void ReadOutsideRunCheck::reportNeverNullTests(const ScopeFacts &Facts, ASTContext &Ctx) {
  for (const NeverNullTestFact &Test : Facts.NeverNullTests) {
    if (Test.Var)
      diag(Test.Loc, "%0 is never null: it holds what %1 returned, which with no scope active is "
                     "a default, so this test cannot tell whether a scope is active")
          << Test.Var << Test.Read;
    else
      diag(Test.Loc, "%0 never returns null: with no scope active it returns a default, so this "
                     "test cannot tell whether a scope is active")
          << Test.Read;
    if (llvm::StringRef Nullable = roles().nullableAlternative(Test.Read); !Nullable.empty())
      diag(Test.ReadLoc, "'%0' returns null where no scope is active", DiagnosticIDs::Note)
          << Nullable;
  }
}

void ReadOutsideRunCheck::report(const ReadFact &Fact, ASTContext &Ctx) {
  std::string Store = Fact.Path.Store.name(Ctx.getPrintingPolicy());
  std::string Reader = describeFunction(Fact.Path.startCallee());
  SourceLocation Loc = Fact.Path.start();
  switch (Fact.K) {
  case ReadFact::Kind::NoScope:
    diag(Loc, "%0 reads store '%1' where no scope is active") << Reader << Store;
    break;
  case ReadFact::Kind::NoScopeOnSomePath:
    diag(Loc, "%0 reads store '%1' where no scope is active on some paths") << Reader << Store;
    break;
  case ReadFact::Kind::UnknownCallers:
    diag(Loc, "%0 reads store '%1' in %2, whose callers are not known to open a scope")
        << Reader << Store << describeFunction(cast<FunctionDecl>(Fact.Origin.Decl));
    break;
  }
  explainOrigin(Fact, Store);

  // A callable handed elsewhere from inside the store's scope: bind carries
  // the scope over. What the read sees changes (from null to the value), so
  // the rewrite is a note's, applied only with --fix-notes.
  if (const Expr *Arg = Fact.Bindable) {
    diag(Arg->getBeginLoc(), "wrap the callable in '%0.bind' to carry over the scope "
                             "active where it is handed on",
         DiagnosticIDs::Note)
        << Store << bindWrapEdits(Arg, Store, Ctx);
  }

  // The call that runs the lambda the read is written in, where the origin
  // note is elsewhere.
  if (Fact.StartLoc.isValid())
    diag(Fact.StartLoc, "%0 %select{runs|binds}1 the lambda here", DiagnosticIDs::Note)
        << Fact.StartedBy->getDeclName() << Fact.StartedByBind;
  explainChain(Fact, Store);
}

void ReadOutsideRunCheck::explainOrigin(const ReadFact &Fact, const std::string &Store) {
  // What another file's facts name as the origin: a DISABLE there, which a
  // function of that file called. Its place is named in the note's text.
  if (const ExternalCall *Elsewhere = Fact.Origin.Elsewhere) {
    diag(Fact.Path.start(), "%0 cleared the store (%1)", DiagnosticIDs::Note)
        << Elsewhere->Callee << Elsewhere->At.Shown;
    return;
  }
  const NamedDecl *Origin = Fact.Origin.Decl;
  SourceLocation Loc = Fact.Origin.Loc;
  if (Fact.K == ReadFact::Kind::UnknownCallers) {
    diag(Loc, "annotate %0 with ASYNCCTX_REQUIRES_SCOPE if its callers open the scope",
         DiagnosticIDs::Note)
        << describeFunction(cast<FunctionDecl>(Origin));
    return;
  }
  switch (Fact.Origin.Kind) {
  case NoScopeOrigin::Main:
    diag(Loc, "'main' runs with no scope active", DiagnosticIDs::Note);
    break;
  case NoScopeOrigin::Invocation:
    diag(Loc, "invocation %0 starts with no scope active", DiagnosticIDs::Note) << Origin;
    break;
  case NoScopeOrigin::Disabled:
    diag(Loc, "%0 cleared the store here", DiagnosticIDs::Note)
        << describeFunction(cast<FunctionDecl>(Origin));
    break;
  case NoScopeOrigin::Exit:
    diag(Loc, "%0 runs the callable with no scope of store '%1'", DiagnosticIDs::Note)
        << describeFunction(cast<FunctionDecl>(Origin)) << Store;
    break;
  case NoScopeOrigin::Spawned:
    diag(Loc, "%0 runs the callable later or elsewhere, with no scope active; bind it to carry "
              "the scope",
         DiagnosticIDs::Note)
        << Origin->getDeclName();
    break;
  case NoScopeOrigin::Thread:
    diag(Loc, "a callable started on a new thread runs with no scope active", DiagnosticIDs::Note);
    break;
  case NoScopeOrigin::LazyCoroutine:
    diag(Loc, "%0 returns before the body of the lazy coroutine starts: its scope covers none "
              "of it",
         DiagnosticIDs::Note)
        << Origin->getDeclName();
    break;
  case NoScopeOrigin::Suspended:
    diag(Loc, "the coroutine suspends here, and the scope of %0 ends with it", DiagnosticIDs::Note)
        << Origin->getDeclName();
    break;
  case NoScopeOrigin::GlobalInit:
    diag(Loc, "%0 is initialized before 'main', where no scope is active", DiagnosticIDs::Note)
        << Origin;
    break;
  case NoScopeOrigin::NewStore:
    diag(Loc, "store %0 is created here with no value current", DiagnosticIDs::Note) << Origin;
    break;
  case NoScopeOrigin::GlobalDestroy:
    diag(Loc, "%0 is destroyed after 'main' returns, where no scope is active",
         DiagnosticIDs::Note)
        << Origin;
    break;
  }
}

void ReadOutsideRunCheck::explainChain(const ReadFact &Fact, const std::string &Store) {
  // The first call is where the warning is; the notes follow the rest.
  llvm::ArrayRef<ChainLink> Below = llvm::ArrayRef(Fact.Path.Links).drop_front(
      Fact.Path.Links.empty() ? 0 : 1);
  if (Fact.Path.Links.empty())
    return;
  // A call or read in another file has no place in this translation unit:
  // its note stands at the last place here, and names its own in its text.
  SourceLocation Here = Fact.Path.start();
  size_t Shown = MaxChainNotes && Below.size() > MaxChainNotes ? MaxChainNotes - 1 : Below.size();
  for (const ChainLink &Link : Below.take_front(Shown)) {
    if (const ExternalLink *Elsewhere = Link.Elsewhere) {
      diag(Here, "%0 reads '%1' through %2 here (%3)", DiagnosticIDs::Note)
          << Elsewhere->Caller << Store << Elsewhere->Callee << Elsewhere->At.Shown;
      continue;
    }
    Here = Link.CallLoc;
    diag(Here, "%0 reads '%1' through %2 here", DiagnosticIDs::Note)
        << describeFunction(Link.Caller) << Store << describeFunction(Link.Callee);
  }
  if (Shown < Below.size())
    diag(Below[Shown].Elsewhere ? Here : Below[Shown].CallLoc,
         "... and %0 more calls down to the read", DiagnosticIDs::Note)
        << unsigned(Below.size() - Shown);
  if (const ExternalRead *Elsewhere = Fact.Path.ReadElsewhere) {
    diag(Here, "%0 reads '%1' here (%2)", DiagnosticIDs::Note)
        << Elsewhere->Reader << Store << Elsewhere->At.Shown;
    return;
  }
  const FunctionDecl *Last = Below.empty() ? Fact.Path.startCallee() : Below.back().Callee;
  diag(Fact.Path.ReadLoc, "%0 reads '%1' here", DiagnosticIDs::Note)
      << describeFunction(Last) << Store;
}

} // namespace clang::tidy::asyncctx

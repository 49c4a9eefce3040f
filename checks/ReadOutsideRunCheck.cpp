//===--- ReadOutsideRunCheck.cpp - asyncctx-tidy --------------------------===//
//
// Reporting only: utils/ScopeAnalysis finds the reads; this turns each fact
// into a warning that names the store, a note where the missing scope comes
// from, and notes down the call chain to the read.
//
//===----------------------------------------------------------------------===//

#include "ReadOutsideRunCheck.h"
#include "utils/ScopeAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncctx {

ReadOutsideRunCheck::ReadOutsideRunCheck(StringRef Name, ClangTidyContext *Context)
    : TranslationUnitCheck(Name, Context), StrictMode(Options.get("StrictMode", false)) {}

void ReadOutsideRunCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  TranslationUnitCheck::storeOptions(Opts);
  Options.store(Opts, "StrictMode", StrictMode);
}

void ReadOutsideRunCheck::checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) {
  // A template's read is found once per instantiation; report it once.
  llvm::DenseSet<std::pair<SourceLocation, const void *>> Reported;
  for (const ReadFact &Fact : Facts.Reads) {
    if (Fact.Kind == ReadFact::UnknownCallers && !StrictMode)
      continue;
    if (Reported.insert({Fact.Loc, Fact.Store.key()}).second)
      report(Fact, Ctx);
  }
  reportDiscardedGuards(Facts, Ctx);
  reportNeverNullTests(Facts, Ctx);
}

void ReadOutsideRunCheck::reportDiscardedGuards(const ScopeFacts &Facts, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::DenseSet<SourceLocation> Reported;
  for (const Expr *Guard : Facts.DiscardedGuards) {
    SourceLocation Loc = SM.getExpansionLoc(Guard->getExprLoc());
    if (!Reported.insert(Loc).second)
      continue;
    std::string Store = storeOfGuard(Guard).name(Ctx.getPrintingPolicy());
    if (const auto *Call = dyn_cast<CallExpr>(Guard))
      diag(Loc, "the scope guard that %0 returns is discarded: its scope of store '%1' ends "
                "with this statement")
          << Call->getDirectCallee() << Store;
    else
      diag(Loc, "temporary scope guard %0 is destroyed at the end of this statement: its scope "
                "of store '%1' covers nothing")
          << cast<CXXConstructExpr>(Guard)->getConstructor()->getParent() << Store;
    diag(Loc, "keep it in a local variable for as long as the scope should last",
         DiagnosticIDs::Note);
  }
}

void ReadOutsideRunCheck::reportNeverNullTests(const ScopeFacts &Facts, ASTContext &Ctx) {
  // A test written in a macro's argument (`EXPECT_TRUE(get() != nullptr)`)
  // is reported where the argument is written.
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::DenseSet<SourceLocation> Reported;
  for (const ScopeFacts::NeverNullTest &Test : Facts.NeverNullTests) {
    SourceLocation Loc = SM.getFileLoc(Test.Loc);
    if (!Reported.insert(Loc).second)
      continue;
    const FunctionDecl *Read = Test.Read->getDirectCallee();
    if (Test.Var)
      diag(Loc, "%0 is never null: it holds what %1 returned, which with no scope active is a "
                "default, so this test cannot tell whether a scope is active")
          << Test.Var << Read;
    else
      diag(Loc, "%0 never returns null: with no scope active it returns a default, so this "
                "test cannot tell whether a scope is active")
          << Read;
    if (llvm::StringRef Nullable = roles().nullableAlternative(Read); !Nullable.empty())
      diag(SM.getFileLoc(Test.Read->getExprLoc()), "'%0' returns null where no scope is active",
           DiagnosticIDs::Note)
          << Nullable;
  }
}

void ReadOutsideRunCheck::report(const ReadFact &Fact, ASTContext &Ctx) {
  std::string Store = Fact.Store.name(Ctx.getPrintingPolicy());
  std::string Reader = describeFunction(Fact.Reader);
  switch (Fact.Kind) {
  case ReadFact::NoScope:
    diag(Fact.Loc, "%0 reads store '%1' where no scope is active") << Reader << Store;
    break;
  case ReadFact::NoScopeOnSomePath:
    diag(Fact.Loc, "%0 reads store '%1' where no scope is active on some paths")
        << Reader << Store;
    break;
  case ReadFact::UnknownCallers:
    diag(Fact.Loc, "%0 reads store '%1' in %2, whose callers are not known to open a scope")
        << Reader << Store << describeFunction(cast<FunctionDecl>(Fact.OriginDecl));
    break;
  }

  // Where the missing scope comes from.
  const NamedDecl *Origin = Fact.OriginDecl;
  switch (Fact.Kind == ReadFact::UnknownCallers ? NoScopeOrigin::Main : Fact.Origin) {
  case NoScopeOrigin::Main:
    if (Fact.Kind == ReadFact::UnknownCallers)
      diag(Fact.OriginLoc, "annotate %0 with ASYNCCTX_REQUIRES_SCOPE if its callers open the scope",
           DiagnosticIDs::Note)
          << describeFunction(cast<FunctionDecl>(Origin));
    else
      diag(Fact.OriginLoc, "'main' runs with no scope active", DiagnosticIDs::Note);
    break;
  case NoScopeOrigin::Invocation:
    diag(Fact.OriginLoc, "invocation %0 starts with no scope active", DiagnosticIDs::Note)
        << Origin;
    break;
  case NoScopeOrigin::Disabled:
    diag(Fact.OriginLoc, "%0 cleared the store here", DiagnosticIDs::Note)
        << describeFunction(cast<FunctionDecl>(Origin));
    break;
  case NoScopeOrigin::Exit:
    diag(Fact.OriginLoc, "%0 runs the callable with no scope of store '%1'", DiagnosticIDs::Note)
        << describeFunction(cast<FunctionDecl>(Origin)) << Store;
    break;
  case NoScopeOrigin::Thread:
    if (roleOf(Origin) == Role::Spawn)
      diag(Fact.OriginLoc, "%0 runs the callable later or elsewhere, with no scope active; "
                           "bind it to carry the scope",
           DiagnosticIDs::Note)
          << Origin->getDeclName();
    else
      diag(Fact.OriginLoc, "a callable started on a new thread runs with no scope active",
           DiagnosticIDs::Note);
    break;
  case NoScopeOrigin::LazyCoroutine:
    diag(Fact.OriginLoc, "%0 returns before the body of the lazy coroutine starts: its scope "
                         "covers none of it",
         DiagnosticIDs::Note)
        << Origin->getDeclName();
    break;
  case NoScopeOrigin::Suspended:
    diag(Fact.OriginLoc, "the coroutine suspends here, and the scope of %0 ends with it",
         DiagnosticIDs::Note)
        << Origin->getDeclName();
    break;
  case NoScopeOrigin::GlobalInit:
    diag(Fact.OriginLoc, "%0 is initialized before 'main', where no scope is active",
         DiagnosticIDs::Note)
        << Origin;
    break;
  case NoScopeOrigin::NewStore:
    diag(Fact.OriginLoc, "store %0 is created here with no value current", DiagnosticIDs::Note)
        << Origin;
    break;
  case NoScopeOrigin::GlobalDestroy:
    diag(Fact.OriginLoc, "%0 is destroyed after 'main' returns, where no scope is active",
         DiagnosticIDs::Note)
        << Origin;
    break;
  }

  // A callable handed elsewhere from inside the store's scope: bind carries
  // the scope over. What the read sees changes (from null to the value), so
  // the rewrite is a note's, applied only with --fix-notes.
  if (const Expr *Arg = Fact.Bindable) {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceRange Range = Arg->getSourceRange();
    auto Note = diag(Range.getBegin(), "wrap the callable in '%0.bind' to carry over the scope "
                                       "active where it is handed on",
                     DiagnosticIDs::Note)
                << Fact.Store.name(Ctx.getPrintingPolicy());
    if (!Range.getBegin().isMacroID() && !Range.getEnd().isMacroID() &&
        SM.isWrittenInSameFile(Range.getBegin(), Range.getEnd()))
      Note << FixItHint::CreateInsertion(Range.getBegin(),
                                         Fact.Store.name(Ctx.getPrintingPolicy()) + ".bind(")
           << FixItHint::CreateInsertion(
                  Lexer::getLocForEndOfToken(Range.getEnd(), 0, SM, Ctx.getLangOpts()), ")");
  }

  // The call that runs the lambda the read is written in, where the origin
  // note is elsewhere.
  if (Fact.StartLoc.isValid())
    diag(Fact.StartLoc, "%0 %select{runs|binds}1 the lambda here", DiagnosticIDs::Note)
        << Fact.StartedBy->getDeclName() << (roleOf(Fact.StartedBy) == Role::Bind);

  // Down the chain to the read.
  if (Fact.Chain.empty() && Fact.Reader == Fact.ReadFunction)
    return;
  for (const ChainLink &Link : Fact.Chain)
    diag(Link.CallLoc, "%0 reads '%1' through %2 here", DiagnosticIDs::Note)
        << describeFunction(Link.Caller) << Store << describeFunction(Link.Callee);
  const FunctionDecl *Last = Fact.Chain.empty() ? Fact.Reader : Fact.Chain.back().Callee;
  diag(Fact.ReadLoc, "%0 reads '%1' here", DiagnosticIDs::Note) << describeFunction(Last) << Store;
}

} // namespace clang::tidy::asyncctx

//===--- LostContextCheck.cpp - asyncctx-tidy -----------------------------===//
//
// Reporting only (utils/ScopeAnalysis finds the facts). Two rules of the
// spec's "Deferred work and the code it runs":
//  1. work handed on for later takes its context along: a callable kept for
//     later (in a data member, a container member, a global, or by a function
//     that keeps it) that reads a store, handed on where a scope of that store
//     may be active, is reported at the hand-off, with the chain down to the
//     read and, on a note, the rewrite into the store's BIND;
//  2. an executor carries what it is given: a member of an executor class
//     that keeps a callable it was given with no snapshot of the context, and
//     a run of an item's work outside the context the item carries.
//
//===----------------------------------------------------------------------===//

#include "LostContextCheck.h"
#include "utils/RunRewrite.h"
#include "utils/ScopeAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::asyncctx {

LostContextCheck::LostContextCheck(StringRef Name, ClangTidyContext *Context,
                                   std::shared_ptr<AnalysisSession> Session)
    : TranslationUnitCheck(Name, Context, std::move(Session)),
      MaxChainNotes(Options.get("MaxChainNotes", 8U)) {}

void LostContextCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  TranslationUnitCheck::storeOptions(Opts);
  Options.store(Opts, "MaxChainNotes", MaxChainNotes);
}

void LostContextCheck::checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) {
  for (const LostContextFact &Fact : Facts.LostContexts)
    reportKept(Fact, Ctx);
  for (const UncarriedWorkFact &Fact : Facts.UncarriedWork)
    reportUncarried(Fact, Ctx);
}

void LostContextCheck::explainRead(const ReadPath &Path, const std::string &Store) {
  size_t Shown = MaxChainNotes && Path.Links.size() > MaxChainNotes ? MaxChainNotes - 1
                                                                    : Path.Links.size();
  for (const ChainLink &Link : llvm::ArrayRef(Path.Links).take_front(Shown))
    diag(Link.CallLoc, "%0 reads '%1' through %2 here", DiagnosticIDs::Note)
        << describeFunction(Link.Caller) << Store << describeFunction(Link.Callee);
  if (Shown < Path.Links.size())
    diag(Path.Links[Shown].CallLoc, "... and %0 more calls down to the read", DiagnosticIDs::Note)
        << unsigned(Path.Links.size() - Shown);
  diag(Path.ReadLoc, "%0 reads '%1' here", DiagnosticIDs::Note) << Path.ReadFunction << Store;
}

void LostContextCheck::reportKept(const LostContextFact &Fact, ASTContext &Ctx) {
  std::string Store = Fact.Store.name(Ctx.getPrintingPolicy());
  std::string Callable = describeFunction(Fact.Callable);
  SourceLocation Loc = Fact.Arg->getBeginLoc();
  if (Fact.KeptIn)
    diag(Loc, "%0 is kept in %1 to run later, without the context of store '%2' that it reads")
        << Callable << Fact.KeptIn << Store;
  else
    diag(Loc, "%0 is handed to %1, which keeps it to run later, without the context of store "
              "'%2' that it reads")
        << Callable << Fact.KeptBy << Store;
  explainRead(Fact.Path, Store);
  if (const Expr *Arg = Fact.Bindable) {
    // What the read sees changes (from another request's value to this
    // one's): the rewrite is a note's, applied only with --fix-notes.
    diag(Arg->getBeginLoc(), "wrap it in '%0.bind' to take the context along",
         DiagnosticIDs::Note)
        << Store << bindWrapEdits(Arg, Store, Ctx);
    return;
  }
  llvm::StringRef Guard = roles().scopedAlternative(Fact.Store.Named);
  diag(Loc, "capture a snapshot of the context where it is handed on, and install it where it "
            "runs%select{| (%1)}0",
       DiagnosticIDs::Note)
      << !Guard.empty() << Guard;
}

void LostContextCheck::reportUncarried(const UncarriedWorkFact &Fact, ASTContext &Ctx) {
  if (Fact.K == UncarriedWorkFact::Kind::Stored) {
    diag(Fact.Loc, "%0 keeps callable %1 in %2 without a snapshot of the current context: it "
                   "runs later in whatever context runs the queue, not in the one it was given in")
        << describeFunction(Fact.Function) << Fact.Work << Fact.KeptIn;
    diag(Fact.Executor->getLocation(), "%0 is an executor: it carries the context to the work "
                                       "it runs",
         DiagnosticIDs::Note)
        << Fact.Executor;
    diag(Fact.Loc, "keep a snapshot of the context with it (a SNAPSHOT of the store, or the "
                   "store's BIND around it), and run it under that snapshot",
         DiagnosticIDs::Note);
    return;
  }
  std::string Store = Fact.Store.name(Ctx.getPrintingPolicy());
  diag(Fact.Loc, "%0 runs %1 of %2 outside the context of store '%3' that %2 carries")
      << describeFunction(Fact.Function) << Fact.Work << Fact.Item << Store;
  diag(Fact.Item->getLocation(), "%0 carries a context that %1 installs for its other work",
       DiagnosticIDs::Note)
      << Fact.Item << describeFunction(Fact.Function);
}

} // namespace clang::tidy::asyncctx

//===--- SummaryRecords.cpp - the records made from the analysis ----------===//
//
// What the analysis of a unit knew, as records (SummaryRecords.h); their
// JSON form is SummaryRecordsJson.cpp.
//
//===----------------------------------------------------------------------===//

#include "SummaryRecords.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::asyncctx::records {

static constexpr std::pair<EntryKind, llvm::StringLiteral> EntryNames[] = {
    {EntryKind::None, "none"},
    {EntryKind::Main, "main"},
    {EntryKind::Invocation, "invocation"},
    {EntryKind::Thread, "thread"},
};

static constexpr std::pair<NoScopeOrigin, llvm::StringLiteral> OriginNames[] = {
    {NoScopeOrigin::Main, "main"},
    {NoScopeOrigin::Invocation, "invocation"},
    {NoScopeOrigin::Disabled, "disabled"},
    {NoScopeOrigin::Exit, "exit"},
    {NoScopeOrigin::Thread, "thread"},
    {NoScopeOrigin::Spawned, "spawned"},
    {NoScopeOrigin::LazyCoroutine, "lazy-coroutine"},
    {NoScopeOrigin::Suspended, "suspended"},
    {NoScopeOrigin::GlobalInit, "global-init"},
    {NoScopeOrigin::GlobalDestroy, "global-destroy"},
    {NoScopeOrigin::NewStore, "new-store"},
};

llvm::StringRef entryKindName(EntryKind K) {
  return llvm::find_if(EntryNames, [&](const auto &E) { return E.first == K; })->second;
}

llvm::StringRef originName(NoScopeOrigin O) {
  return llvm::find_if(OriginNames, [&](const auto &E) { return E.first == O; })->second;
}

static constexpr std::pair<CallSite::Kind, llvm::StringLiteral> SiteKindNames[] = {
    {CallSite::Kind::Call, "call"},     {CallSite::Kind::Run, "run"},
    {CallSite::Kind::Exit, "exit"},     {CallSite::Kind::Bind, "bind"},
    {CallSite::Kind::Thread, "thread"}, {CallSite::Kind::Spawn, "spawn"},
    {CallSite::Kind::Invocation, "invocation"},
};

llvm::StringRef siteKindName(CallSite::Kind K) {
  return llvm::find_if(SiteKindNames, [&](const auto &E) { return E.first == K; })->second;
}

std::optional<CallSite::Kind> siteKind(llvm::StringRef Name) {
  const auto *It = llvm::find_if(SiteKindNames, [&](const auto &E) { return E.second == Name; });
  if (It == std::end(SiteKindNames))
    return std::nullopt;
  return It->first;
}

// --- From the analysis --------------------------------------------------

std::string recordedPath(const FileManager &Files, llvm::StringRef Name) {
  llvm::SmallString<256> Path(Name);
  Files.makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path.str());
}

namespace {

/// Makes records of one translation unit's declarations and places.
class Recorder {
public:
  Recorder(ASTContext &AST, const RoleLayer &Roles)
      : AST(AST), SM(AST.getSourceManager()), Roles(Roles) {}

  Place place(SourceLocation Loc) const {
    Place P;
    if (Loc.isInvalid())
      return P;
    PresumedLoc Presumed = SM.getPresumedLoc(SM.getFileLoc(Loc));
    if (Presumed.isInvalid())
      return P;
    P.File = recordedPath(SM.getFileManager(), Presumed.getFilename());
    P.Line = Presumed.getLine();
    P.Column = Presumed.getColumn();
    return P;
  }

  std::string usr(const Decl *D) const {
    llvm::SmallString<128> Buffer;
    if (!D || index::generateUSRForDecl(D, Buffer))
      return "";
    return Buffer.str().str();
  }

  /// A lambda's call operator is named "(lambda)".
  Function function(const NamedDecl *D) const {
    if (!D)
      return {};
    const auto *Method = dyn_cast<CXXMethodDecl>(D);
    return {usr(D), Method && Method->getParent()->isLambda() ? "(lambda)" : D->getNameAsString()};
  }

  Store store(const StoreRef &S) const {
    Store R;
    if (!S)
      return R; // denotes no store: an empty Object
    R.Name = S.name(AST.getPrintingPolicy());
    if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(S.Object)) {
      R.K = Store::Kind::Parameter;
      R.Parameter = Param->getFunctionScopeIndex();
      R.Id = usr(S.Class);
      R.Class = R.Id;
    } else if (S.Object) {
      R.K = Store::Kind::Object;
      R.Id = usr(S.Object);
      R.Class = usr(S.Class);
      const auto *Var = dyn_cast<VarDecl>(S.Object);
      R.Local = Var && Var->hasLocalStorage();
    } else if (!S.Named.empty()) {
      R.K = Store::Kind::Named;
      R.Id = S.Named.str();
    } else {
      R.K = Store::Kind::Class;
      R.Id = usr(S.Class);
    }
    return R;
  }

  Need need(const NeedKey &Key, const asyncctx::Need &N) const {
    Need R;
    R.S = store(N.Path.Store);
    for (const ChainLink &Link : N.Path.Links)
      R.Links.push_back({function(Link.Caller), function(Link.Callee), place(Link.CallLoc)});
    R.Read = place(N.Path.ReadLoc);
    R.ReadFunction = function(N.Path.ReadFunction);
    R.AfterSuspension = Key.AfterSuspension;
    R.SuspendedAt = place(N.SuspendedAt);
    return R;
  }

  Effect effect(const StoreState &E) const {
    Effect R;
    R.S = store(E.Store);
    R.Scopes = E.Scopes.str();
    if (E.Scopes.has(ScopeKind::No)) {
      R.Origin = originName(E.Origin.Kind).str();
      R.OriginAt = place(E.Origin.Loc);
      R.OriginName = E.Origin.Decl ? E.Origin.Decl->getNameAsString() : "";
    }
    if (E.EnteredBy) {
      R.EnteredBy = function(E.EnteredBy->getDirectCallee());
      R.EnteredAt = place(E.EnteredBy->getExprLoc());
      R.EnteredVia = place(E.EnteredVia);
    }
    return R;
  }

  SiteState siteState(const State &St) const {
    SiteState R;
    R.Default = St.defaultState().Scopes.str();
    for (const auto &Entry : St.stores())
      R.Stores.push_back({store(Entry.second.Store), Entry.second.Scopes.str()});
    R.Suspended = St.suspendedAt().isValid();
    return R;
  }

  Site site(const CallSite &CS) const {
    Site R;
    R.Kind = siteKindName(CS.K).str();
    R.Callee = function(CS.Callee);
    R.At = place(CS.Loc);
    if (CS.K != CallSite::Kind::Invocation)
      R.St = siteState(CS.St);
    if (llvm::any_of(CS.Args, [](const StoreRef &A) { return bool(A); }))
      for (const StoreRef &Arg : CS.Args)
        R.Args.push_back(store(Arg));
    R.Inline = CS.Inline;
    if (CS.OnlyStore)
      R.Only = store(CS.OnlyStore);
    if (CS.End) {
      R.End = store(CS.End->Store);
      R.EndLazy = CS.End->Lazy;
    }
    return R;
  }

  FunctionFacts function(const FunctionSummary &Sum) const {
    FunctionFacts R;
    R.F = function(Sum.Function);
    R.At = place(Sum.Function->getLocation());
    R.Entry = entryKindName(Sum.Entry).str();
    R.EntryOnly = Sum.EntryOnly;
    R.Visible = Sum.Function->isExternallyVisible();
    R.UnknownCallers = Sum.UnknownCallers;
    R.Escapes = Sum.AddressEscapes;
    for (const auto &[Key, N] : Sum.Sum.Needs)
      R.Needs.push_back(need(Key, N));
    for (const StoreState &E : Sum.Sum.Effects)
      R.Effects.push_back(effect(E));
    R.MayThrow = Sum.Sum.MayThrow;
    if (Sum.Returns)
      R.ReturnsRead = Returns{store(Roles.storeOfCall(Sum.Returns)), place(Sum.Returns->getExprLoc())};
    for (const FunctionDecl *From : Sum.ReturnsFrom)
      R.ReturnsFrom.push_back(function(From));
    for (const CallSite &CS : Sum.Sites)
      R.Sites.push_back(site(CS));
    return R;
  }

  Kept kept(const KeptFromElsewhere &K) const {
    Kept R;
    R.At = place(K.Loc);
    R.Target = K.Target->getDeclContext()->isRecord() ? qualifiedName(K.Target)
                                                      : K.Target->getNameAsString();
    for (const FunctionDecl *From : K.From)
      R.From.push_back(function(From));
    return R;
  }

private:
  ASTContext &AST;
  const SourceManager &SM;
  const RoleLayer &Roles;
};

} // namespace

FactsFile recordSummaries(llvm::ArrayRef<FunctionSummary> Summaries, ASTContext &AST,
                          const RoleLayer &Roles) {
  Recorder Make(AST, Roles);
  FactsFile Facts;
  const SourceManager &SM = AST.getSourceManager();
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    Facts.File = recordedPath(SM.getFileManager(), Main->getName());
  for (const FunctionSummary &Sum : Summaries)
    Facts.Functions.push_back(Make.function(Sum));
  return Facts;
}

FactsFile recordFacts(const ScopeAnalysisResult &Result, ASTContext &AST, const RoleLayer &Roles) {
  FactsFile Facts = recordSummaries(Result.Summaries, AST, Roles);
  Recorder Make(AST, Roles);
  for (const KeptFromElsewhere &K : Result.KeptElsewhere)
    Facts.KeptValues.push_back(Make.kept(K));
  for (const FunctionDecl *FD : Result.EscapingElsewhere)
    Facts.Escapes.push_back(Make.function(FD));
  // A function that touches no store is in the facts only when an exception
  // can leave it: its callers in other files may throw through it.
  for (const FunctionDecl *FD : Result.ThrowersForElsewhere) {
    FunctionFacts &Thrower = Facts.Functions.emplace_back();
    Thrower.F = Make.function(FD);
    Thrower.At = Make.place(FD->getLocation());
    Thrower.Visible = true;
    Thrower.MayThrow = true;
  }
  // An initializer of a namespace-scope variable calls as a function with
  // no scope would: the link reads its sites like a function's.
  for (const auto &[Var, Sites] : Result.InitializerSites) {
    FunctionFacts &Init = Facts.Functions.emplace_back();
    Init.F = Make.function(Var);
    Init.At = Make.place(Var->getLocation());
    Init.Entry = "initializer";
    for (const CallSite &CS : Sites)
      Init.Sites.push_back(Make.site(CS));
  }
  return Facts;
}

} // namespace clang::tidy::asyncctx::records

//===--- SummaryRecords.cpp - asyncctx-tidy -------------------------------===//

#include "SummaryRecords.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/xxhash.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::asyncctx::records {

static constexpr llvm::StringLiteral FormatName = "asyncctx-facts";

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

static constexpr std::pair<Store::Kind, llvm::StringLiteral> StoreKindNames[] = {
    {Store::Kind::Object, "object"},
    {Store::Kind::Class, "class"},
    {Store::Kind::Named, "named"},
    {Store::Kind::Parameter, "parameter"},
};

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

// --- JSON -----------------------------------------------------------------

namespace json = llvm::json;

static json::Value toJSON(const Place &P) {
  if (P.File.empty() && !P.Line)
    return nullptr;
  return json::Object{{"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

static json::Value toJSON(const Function &F) {
  if (F.USR.empty() && F.Name.empty())
    return nullptr;
  return json::Object{{"usr", F.USR}, {"name", F.Name}};
}

static json::Value toJSON(const Store &S) {
  llvm::StringRef Kind =
      llvm::find_if(StoreKindNames, [&](const auto &K) { return K.first == S.K; })->second;
  json::Object O{{"kind", Kind}, {"id", S.Id}, {"name", S.Name}};
  if (S.K == Store::Kind::Parameter)
    O["parameter"] = S.Parameter;
  if (!S.Class.empty())
    O["class"] = S.Class;
  if (S.Local)
    O["local"] = true;
  return O;
}

static json::Value toJSON(const Site &S) {
  json::Array Stores, Args;
  for (const StoreScopes &One : S.St.Stores)
    Stores.push_back(json::Object{{"store", toJSON(One.S)}, {"scopes", One.Scopes}});
  for (const Store &Arg : S.Args)
    Args.push_back(toJSON(Arg));
  json::Object O{{"kind", S.Kind},
                 {"callee", toJSON(S.Callee)},
                 {"at", toJSON(S.At)},
                 {"default", S.St.Default},
                 {"stores", std::move(Stores)}};
  if (S.St.Suspended)
    O["suspended"] = true;
  if (!Args.empty())
    O["args"] = std::move(Args);
  if (S.Inline)
    O["inline"] = true;
  if (S.Only)
    O["only"] = toJSON(*S.Only);
  if (S.End)
    O["end"] = json::Object{{"store", toJSON(*S.End)}, {"lazy", S.EndLazy}};
  return O;
}

static json::Value toJSON(const Need &N) {
  json::Array Links;
  for (const Link &L : N.Links)
    Links.push_back(json::Object{{"caller", toJSON(L.Caller)}, {"callee", toJSON(L.Callee)},
                                 {"call", toJSON(L.Call)}});
  return json::Object{{"store", toJSON(N.S)},
                      {"links", std::move(Links)},
                      {"read", toJSON(N.Read)},
                      {"read_function", toJSON(N.ReadFunction)},
                      {"after_suspension", N.AfterSuspension},
                      {"suspended_at", toJSON(N.SuspendedAt)}};
}

static json::Value toJSON(const Effect &E) {
  return json::Object{{"store", toJSON(E.S)},         {"scopes", E.Scopes},
                      {"origin", E.Origin},           {"origin_at", toJSON(E.OriginAt)},
                      {"origin_name", E.OriginName},  {"entered_by", toJSON(E.EnteredBy)},
                      {"entered_at", toJSON(E.EnteredAt)}, {"entered_via", toJSON(E.EnteredVia)}};
}

static json::Value toJSON(const FunctionFacts &F) {
  json::Array Needs, Effects;
  for (const Need &N : F.Needs)
    Needs.push_back(toJSON(N));
  for (const Effect &E : F.Effects)
    Effects.push_back(toJSON(E));
  json::Array ReturnsFrom, Sites;
  for (const Function &From : F.ReturnsFrom)
    ReturnsFrom.push_back(toJSON(From));
  for (const Site &S : F.Sites)
    Sites.push_back(toJSON(S));
  json::Object O{{"usr", F.F.USR},
                 {"name", F.F.Name},
                 {"at", toJSON(F.At)},
                 {"entry", F.Entry},
                 {"entry_only", F.EntryOnly},
                 {"visible", F.Visible},
                 {"unknown_callers", F.UnknownCallers},
                 {"escapes", F.Escapes},
                 {"needs", std::move(Needs)},
                 {"effects", std::move(Effects)},
                 {"may_throw", F.MayThrow},
                 {"returns_from", std::move(ReturnsFrom)},
                 {"sites", std::move(Sites)}};
  if (F.ReturnsRead)
    O["returns"] = json::Object{{"store", toJSON(F.ReturnsRead->S)},
                                {"read", toJSON(F.ReturnsRead->Read)}};
  return O;
}

static json::Value toJSON(const Kept &K) {
  json::Array From;
  for (const Function &F : K.From)
    From.push_back(toJSON(F));
  return json::Object{{"at", toJSON(K.At)}, {"target", K.Target}, {"from", std::move(From)}};
}

static json::Value toJSON(const Input &I) {
  return json::Object{
      {"file", I.File}, {"size", int64_t(I.Size)}, {"modified", I.Modified}, {"hash", I.Hash}};
}

template <class T> static json::Array arrayOf(const std::vector<T> &Items) {
  json::Array Array;
  for (const T &Item : Items)
    Array.push_back(toJSON(Item));
  return Array;
}

std::string writeFacts(const FactsFile &Facts) {
  json::Value Root = json::Object{{"format", FormatName},
                                  {"version", Facts.Version},
                                  {"file", Facts.File},
                                  {"functions", arrayOf(Facts.Functions)},
                                  {"kept", arrayOf(Facts.KeptValues)},
                                  {"escapes", arrayOf(Facts.Escapes)},
                                  {"inputs", arrayOf(Facts.Inputs)}};
  // On one line: every translation unit of a program reads every other's
  // facts, and a third of an indented file is its indentation.
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << Root << "\n";
  return Text;
}

/// What writeImports writes: one translation unit's import set.
constexpr llvm::StringLiteral ImportsFormatName = "asyncctx-imports";

static json::Value toJSON(const ImportedFunction &F) {
  json::Object O{{"usr", F.F.USR},
                 {"name", F.F.Name},
                 {"needs", arrayOf(F.Needs)},
                 {"effects", arrayOf(F.Effects)}};
  if (F.ReturnsRead)
    O["returns"] = json::Object{{"store", toJSON(F.ReturnsRead->S)},
                                {"read", toJSON(F.ReturnsRead->Read)}};
  return O;
}

static json::Value toJSON(const UsedElsewhere &U) {
  return json::Object{{"usr", U.F.USR},          {"name", U.F.Name},
                      {"invoked", U.Invoked},     {"threaded", U.Threaded},
                      {"called", U.Called},       {"callers_known", U.CallersKnown}};
}

std::string writeImports(const ImportSet &Set) {
  json::Value Root = json::Object{{"format", ImportsFormatName},
                                  {"version", FormatVersion},
                                  {"functions", arrayOf(Set.Functions)},
                                  {"used", arrayOf(Set.Used)}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:1}", Root) << "\n";
  return Text;
}

std::string importsFingerprint(const ImportSet &Set) {
  return llvm::utohexstr(llvm::xxh3_64bits(writeImports(Set)), /*LowerCase=*/true);
}

// Reading back: fromJSON for each record, as llvm::json's ObjectMapper wants
// them. A null place or function is an empty one.

/// Maps a number that is not negative (llvm::json reads no unsigned).
static bool mapCount(json::ObjectMapper &O, llvm::StringLiteral Key, unsigned &Out,
                     bool Optional = false) {
  std::optional<int64_t> N;
  if (!O.mapOptional(Key, N) || (!N && !Optional) || (N && (*N < 0 || *N > UINT32_MAX)))
    return false;
  if (N)
    Out = unsigned(*N);
  return true;
}

static bool fromJSON(const json::Value &V, Place &P, json::Path Path) {
  if (V.getAsNull())
    return true;
  json::ObjectMapper O(V, Path);
  return O && O.map("file", P.File) && mapCount(O, "line", P.Line) &&
         mapCount(O, "column", P.Column);
}

static bool fromJSON(const json::Value &V, Function &F, json::Path Path) {
  if (V.getAsNull())
    return true;
  json::ObjectMapper O(V, Path);
  return O && O.map("usr", F.USR) && O.map("name", F.Name);
}

static bool fromJSON(const json::Value &V, Store &S, json::Path Path) {
  json::ObjectMapper O(V, Path);
  std::string Kind;
  if (!O || !O.map("kind", Kind) || !O.map("id", S.Id) || !O.map("name", S.Name) ||
      !mapCount(O, "parameter", S.Parameter, /*Optional=*/true) ||
      !O.mapOptional("class", S.Class) || !O.mapOptional("local", S.Local))
    return false;
  const auto *It = llvm::find_if(StoreKindNames, [&](const auto &K) { return K.second == Kind; });
  if (It == std::end(StoreKindNames)) {
    Path.field("kind").report("unknown store kind");
    return false;
  }
  S.K = It->first;
  return true;
}

static bool fromJSON(const json::Value &V, Link &L, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("caller", L.Caller) && O.map("callee", L.Callee) && O.map("call", L.Call);
}

static bool fromJSON(const json::Value &V, Need &N, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("store", N.S) && O.map("links", N.Links) && O.map("read", N.Read) &&
         O.map("read_function", N.ReadFunction) && O.map("after_suspension", N.AfterSuspension) &&
         O.map("suspended_at", N.SuspendedAt);
}

static bool fromJSON(const json::Value &V, Effect &E, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("store", E.S) && O.map("scopes", E.Scopes) && O.map("origin", E.Origin) &&
         O.map("origin_at", E.OriginAt) && O.map("origin_name", E.OriginName) &&
         O.map("entered_by", E.EnteredBy) && O.map("entered_at", E.EnteredAt) &&
         O.map("entered_via", E.EnteredVia);
}

static bool fromJSON(const json::Value &V, Returns &R, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("store", R.S) && O.map("read", R.Read);
}

static bool fromJSON(const json::Value &V, StoreScopes &S, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("store", S.S) && O.map("scopes", S.Scopes);
}

static bool fromJSON(const json::Value &V, Site &S, json::Path Path) {
  json::ObjectMapper O(V, Path);
  if (!O || !O.map("kind", S.Kind) || !O.map("callee", S.Callee) || !O.map("at", S.At) ||
      !O.map("default", S.St.Default) || !O.map("stores", S.St.Stores) ||
      !O.mapOptional("suspended", S.St.Suspended) || !O.mapOptional("args", S.Args) ||
      !O.mapOptional("inline", S.Inline) || !O.mapOptional("only", S.Only))
    return false;
  if (!siteKind(S.Kind)) {
    Path.field("kind").report("unknown site kind");
    return false;
  }
  if (const json::Value *End = V.getAsObject()->get("end")) {
    json::ObjectMapper E(*End, Path.field("end"));
    Store EndStore;
    if (!E || !E.map("store", EndStore) || !E.map("lazy", S.EndLazy))
      return false;
    S.End = EndStore;
  }
  return true;
}

static bool fromJSON(const json::Value &V, FunctionFacts &F, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("usr", F.F.USR) && O.map("name", F.F.Name) && O.map("at", F.At) &&
         O.map("entry", F.Entry) && O.map("entry_only", F.EntryOnly) &&
         O.map("visible", F.Visible) && O.map("unknown_callers", F.UnknownCallers) &&
         O.map("escapes", F.Escapes) && O.map("needs", F.Needs) && O.map("effects", F.Effects) &&
         O.map("may_throw", F.MayThrow) && O.mapOptional("returns", F.ReturnsRead) &&
         O.map("returns_from", F.ReturnsFrom) &&
         O.map("sites", F.Sites);
}

static bool fromJSON(const json::Value &V, Kept &K, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("at", K.At) && O.map("target", K.Target) && O.map("from", K.From);
}

static bool fromJSON(const json::Value &V, Input &I, json::Path Path) {
  json::ObjectMapper O(V, Path);
  int64_t Size = 0;
  if (!O || !O.map("file", I.File) || !O.map("size", Size) || !O.map("modified", I.Modified) ||
      !O.map("hash", I.Hash) || Size < 0)
    return false;
  I.Size = uint64_t(Size);
  return true;
}

llvm::Expected<FactsFile> readFacts(llvm::StringRef Text) {
  llvm::Expected<json::Value> Root = json::parse(Text);
  if (!Root)
    return Root.takeError();
  FactsFile Facts;
  std::string Format;
  json::Path::Root Where("facts");
  json::ObjectMapper O(*Root, Where);
  if (!O || !O.map("format", Format) || !mapCount(O, "version", Facts.Version))
    return Where.getError();
  if (Format != FormatName || Facts.Version != FormatVersion)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "facts of format '%s' version %u; this build reads '%s' "
                                   "version %u",
                                   Format.c_str(), Facts.Version, FormatName.data(),
                                   FormatVersion);
  if (!O.map("file", Facts.File) || !O.map("functions", Facts.Functions) ||
      !O.map("kept", Facts.KeptValues) || !O.map("escapes", Facts.Escapes) ||
      !O.map("inputs", Facts.Inputs))
    return Where.getError();
  return Facts;
}

static bool fromJSON(const json::Value &V, ImportedFunction &F, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("usr", F.F.USR) && O.map("name", F.F.Name) && O.map("needs", F.Needs) &&
         O.map("effects", F.Effects) && O.mapOptional("returns", F.ReturnsRead);
}

static bool fromJSON(const json::Value &V, UsedElsewhere &U, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("usr", U.F.USR) && O.map("name", U.F.Name) && O.map("invoked", U.Invoked) &&
         O.map("threaded", U.Threaded) && O.map("called", U.Called) &&
         O.map("callers_known", U.CallersKnown);
}

llvm::Expected<ImportSet> readImports(llvm::StringRef Text) {
  llvm::Expected<json::Value> Root = json::parse(Text);
  if (!Root)
    return Root.takeError();
  ImportSet Set;
  std::string Format;
  unsigned Version = 0;
  json::Path::Root Where("imports");
  json::ObjectMapper O(*Root, Where);
  if (!O || !O.map("format", Format) || !mapCount(O, "version", Version))
    return Where.getError();
  if (Format != ImportsFormatName || Version != FormatVersion)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "imports of format '%s' version %u; this build reads '%s' "
                                   "version %u",
                                   Format.c_str(), Version, ImportsFormatName.data(),
                                   FormatVersion);
  if (!O.map("functions", Set.Functions) || !O.map("used", Set.Used))
    return Where.getError();
  return Set;
}

} // namespace clang::tidy::asyncctx::records

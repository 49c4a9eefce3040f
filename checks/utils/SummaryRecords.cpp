//===--- SummaryRecords.cpp - asyncctx-tidy -------------------------------===//

#include "SummaryRecords.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

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

static constexpr std::pair<Store::Kind, llvm::StringLiteral> StoreKindNames[] = {
    {Store::Kind::Object, "object"},
    {Store::Kind::Class, "class"},
    {Store::Kind::Named, "named"},
    {Store::Kind::Parameter, "parameter"},
};

// --- From the analysis --------------------------------------------------

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
    P.File = Presumed.getFilename();
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
    R.Name = S.name(AST.getPrintingPolicy());
    if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(S.Object)) {
      R.K = Store::Kind::Parameter;
      R.Parameter = Param->getFunctionScopeIndex();
      R.Id = usr(S.Class);
    } else if (S.Object) {
      R.K = Store::Kind::Object;
      R.Id = usr(S.Object);
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

  FunctionFacts function(const FunctionSummary &Sum) const {
    FunctionFacts R;
    R.F = function(Sum.Function);
    R.At = place(Sum.Function->getLocation());
    R.Entry = entryKindName(Sum.Entry).str();
    R.EntryOnly = Sum.EntryOnly;
    for (const auto &[Key, N] : Sum.Sum.Needs)
      R.Needs.push_back(need(Key, N));
    for (const StoreState &E : Sum.Sum.Effects)
      R.Effects.push_back(effect(E));
    R.MayThrow = Sum.Sum.MayThrow;
    if (Sum.Returns)
      R.ReturnsRead = Returns{store(Roles.storeOfCall(Sum.Returns)), place(Sum.Returns->getExprLoc())};
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
    Facts.File = Main->getName().str();
  for (const FunctionSummary &Sum : Summaries)
    Facts.Functions.push_back(Make.function(Sum));
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
  json::Object O{{"usr", F.F.USR},          {"name", F.F.Name},
                 {"at", toJSON(F.At)},      {"entry", F.Entry},
                 {"entry_only", F.EntryOnly}, {"needs", std::move(Needs)},
                 {"effects", std::move(Effects)}, {"may_throw", F.MayThrow}};
  if (F.ReturnsRead)
    O["returns"] = json::Object{{"store", toJSON(F.ReturnsRead->S)},
                                {"read", toJSON(F.ReturnsRead->Read)}};
  return O;
}

std::string writeFacts(const FactsFile &Facts) {
  json::Array Functions;
  for (const FunctionFacts &F : Facts.Functions)
    Functions.push_back(toJSON(F));
  json::Value Root = json::Object{{"format", FormatName},
                                  {"version", Facts.Version},
                                  {"file", Facts.File},
                                  {"functions", std::move(Functions)}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:1}", Root) << "\n";
  return Text;
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
      !mapCount(O, "parameter", S.Parameter, /*Optional=*/true))
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

static bool fromJSON(const json::Value &V, FunctionFacts &F, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("usr", F.F.USR) && O.map("name", F.F.Name) && O.map("at", F.At) &&
         O.map("entry", F.Entry) && O.map("entry_only", F.EntryOnly) && O.map("needs", F.Needs) &&
         O.map("effects", F.Effects) && O.map("may_throw", F.MayThrow) &&
         O.mapOptional("returns", F.ReturnsRead);
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
  if (!O.map("file", Facts.File) || !O.map("functions", Facts.Functions))
    return Where.getError();
  return Facts;
}

} // namespace clang::tidy::asyncctx::records

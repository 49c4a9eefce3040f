//===--- SummaryRecordsJson.cpp - the records as JSON ---------------------===//
//
// A unit's facts (one line of JSON) and a unit's import set (indented)
// written, and read back (SummaryRecords.h: writeFacts, readFacts,
// writeImports, readImports).
//
//===----------------------------------------------------------------------===//

#include "SummaryRecords.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::asyncctx::records {

static constexpr llvm::StringLiteral FormatName = "asyncctx-facts";
/// What writeImports writes: one translation unit's import set.
static constexpr llvm::StringLiteral ImportsFormatName = "asyncctx-imports";

static constexpr std::pair<Store::Kind, llvm::StringLiteral> StoreKindNames[] = {
    {Store::Kind::Object, "object"},
    {Store::Kind::Class, "class"},
    {Store::Kind::Named, "named"},
    {Store::Kind::Parameter, "parameter"},
};

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

static json::Value toJSON(const ImportedFunction &F) {
  json::Object O{{"usr", F.F.USR},
                 {"name", F.F.Name},
                 {"needs", arrayOf(F.Needs)},
                 {"effects", arrayOf(F.Effects)},
                 {"may_throw", F.MayThrow}};
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

/// Parses \p Text, a file of \p Format (\p What, for messages), and
/// checks its format and version; the version read is put in \p Version.
static llvm::Expected<json::Value> parseFormat(llvm::StringRef Text, llvm::StringLiteral What,
                                               llvm::StringLiteral Format, unsigned &Version) {
  llvm::Expected<json::Value> Root = json::parse(Text);
  if (!Root)
    return Root.takeError();
  std::string Found;
  json::Path::Root Where(What);
  json::ObjectMapper O(*Root, Where);
  if (!O || !O.map("format", Found) || !mapCount(O, "version", Version))
    return Where.getError();
  if (Found != Format || Version != FormatVersion)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s of format '%s' version %u; this build reads '%s' "
                                   "version %u",
                                   What.data(), Found.c_str(), Version, Format.data(),
                                   FormatVersion);
  return Root;
}

llvm::Expected<FactsFile> readFacts(llvm::StringRef Text) {
  FactsFile Facts;
  llvm::Expected<json::Value> Root = parseFormat(Text, "facts", FormatName, Facts.Version);
  if (!Root)
    return Root.takeError();
  json::Path::Root Where("facts");
  json::ObjectMapper O(*Root, Where);
  if (!O.map("file", Facts.File) || !O.map("functions", Facts.Functions) ||
      !O.map("kept", Facts.KeptValues) || !O.map("escapes", Facts.Escapes) ||
      !O.map("inputs", Facts.Inputs))
    return Where.getError();
  return Facts;
}

static bool fromJSON(const json::Value &V, ImportedFunction &F, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("usr", F.F.USR) && O.map("name", F.F.Name) && O.map("needs", F.Needs) &&
         O.map("effects", F.Effects) && O.map("may_throw", F.MayThrow) &&
         O.mapOptional("returns", F.ReturnsRead);
}

static bool fromJSON(const json::Value &V, UsedElsewhere &U, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("usr", U.F.USR) && O.map("name", U.F.Name) && O.map("invoked", U.Invoked) &&
         O.map("threaded", U.Threaded) && O.map("called", U.Called) &&
         O.map("callers_known", U.CallersKnown);
}

llvm::Expected<ImportSet> readImports(llvm::StringRef Text) {
  unsigned Version = 0;
  llvm::Expected<json::Value> Root = parseFormat(Text, "imports", ImportsFormatName, Version);
  if (!Root)
    return Root.takeError();
  ImportSet Set;
  json::Path::Root Where("imports");
  json::ObjectMapper O(*Root, Where);
  if (!O.map("functions", Set.Functions) || !O.map("used", Set.Used))
    return Where.getError();
  return Set;
}

} // namespace clang::tidy::asyncctx::records

//===--- SummaryRecords.h - asyncctx-tidy ---------------------------------===//
//
// The summaries of a translation unit's functions (utils/Summaries), as
// plain records that name everything without the AST: a function by its USR
// (the same in every translation unit that declares it) and its name, a
// place by file, line and column, a store by what tells it apart (the USR of
// its variable or class, a configured name, or the callee's parameter that
// is passed it). Another process, or the analysis of another file, reads
// them back and uses them for the functions whose bodies it does not see.
//
// The text form is JSON, versioned:
//
//   {"format": "asyncctx-facts", "version": 2, "file": "/src/claims.cpp",
//    "functions": [{"usr": "c:@F@use_claims#", "name": "use_claims",
//                   "at": {"file": ..., "line": 33, "column": 16},
//                   "entry": "none", "entry_only": true, "visible": true,
//                   "unknown_callers": true, "escapes": false,
//                   "needs": [...], "effects": [...], "may_throw": false,
//                   "returns": {...}, "returns_from": [...], "sites": [...]}],
//    "kept": [...], "escapes": [...], "inputs": [...]}
//
// Version 2 adds what the facts of the other files of a program need
// (utils/ProgramFacts): each function's *sites* (where it calls or hands on
// a function, with the state in which that function's needs are read
// there), whether its callers are known here and whether its address
// escapes, the functions of other files whose store value it may return;
// the values kept in static storage that may come from a function of
// another file; the functions of other files whose address escapes here;
// the files the translation unit read, to tell when the facts are stale.
//
// A reader refuses another format or version: facts are rebuilt, never
// guessed.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_SUMMARYRECORDS_H
#define ASYNCCTX_TIDY_UTILS_SUMMARYRECORDS_H

#include "ScopeAnalysis.h"

#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FileManager;

namespace tidy::asyncctx::records {

constexpr unsigned FormatVersion = 2;

struct Place {
  std::string File;
  unsigned Line = 0, Column = 0;
  bool operator==(const Place &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
};

/// A function (or any declaration) by USR, with its name for messages.
struct Function {
  std::string USR;
  std::string Name;
  bool operator==(const Function &O) const { return USR == O.USR && Name == O.Name; }
};

struct Store {
  enum class Kind : uint8_t {
    Object,    ///< a variable or data member (Id: its USR)
    Class,     ///< every store of a class (Id: the class's USR)
    Named,     ///< a configured store (Id: its name)
    Parameter, ///< the store passed as parameter Parameter (Id: its class's USR, if any)
  };
  Kind K = Kind::Object;
  std::string Id;
  /// How messages name it ('claims_storage', 'folly::RequestContext').
  std::string Name;
  unsigned Parameter = 0;
  /// Object, Parameter: the USR of its class (a store named by its class
  /// stands for every store of that class).
  std::string Class;
  /// Object: a local variable of the function (created with no value).
  bool Local = false;
  bool operator==(const Store &O) const {
    return K == O.K && Id == O.Id && Name == O.Name && Parameter == O.Parameter &&
           Class == O.Class && Local == O.Local;
  }
};

struct Link {
  Function Caller, Callee;
  Place Call;
  bool operator==(const Link &O) const {
    return Caller == O.Caller && Callee == O.Callee && Call == O.Call;
  }
};

struct Need {
  Store S;
  std::vector<Link> Links;
  Place Read;
  Function ReadFunction;
  bool AfterSuspension = false;
  Place SuspendedAt;
  bool operator==(const Need &O) const {
    return S == O.S && Links == O.Links && Read == O.Read && ReadFunction == O.ReadFunction &&
           AfterSuspension == O.AfterSuspension && SuspendedAt == O.SuspendedAt;
  }
};

struct Effect {
  Store S;
  std::string Scopes; ///< ScopeSet::str()
  std::string Origin; ///< with "no": where it began (a NoScopeOrigin's name)
  Place OriginAt;
  std::string OriginName;
  /// With "in": the ENTER_WITH behind it (its callee and place), and the
  /// call of this function that led there when it was in a callee.
  Function EnteredBy;
  Place EnteredAt, EnteredVia;
  bool operator==(const Effect &O) const {
    return S == O.S && Scopes == O.Scopes && Origin == O.Origin && OriginAt == O.OriginAt &&
           OriginName == O.OriginName && EnteredBy == O.EnteredBy && EnteredAt == O.EnteredAt &&
           EnteredVia == O.EnteredVia;
  }
};

/// What a function returns from a store: the READ or SNAPSHOT whose value it
/// returns on some path.
struct Returns {
  Store S;
  Place Read;
  bool operator==(const Returns &O) const { return S == O.S && Read == O.Read; }
};

/// What can hold of one store at a site (a ScopeSet's str()).
struct StoreScopes {
  Store S;
  std::string Scopes;
  bool operator==(const StoreScopes &O) const { return S == O.S && Scopes == O.Scopes; }
};

/// The state in which a callee's needs are read at a site: the stores the
/// caller changed, and what holds of every other one.
struct SiteState {
  std::string Default = "entry";
  std::vector<StoreScopes> Stores;
  /// A coroutine's read after its first suspension (NeedKey::AfterSuspension).
  bool Suspended = false;
  bool operator==(const SiteState &O) const {
    return Default == O.Default && Stores == O.Stores && Suspended == O.Suspended;
  }
};

/// Where a function calls or hands on another (utils/CallSites).
struct Site {
  std::string Kind = "call"; ///< a CallSite::Kind's name
  Function Callee;
  Place At;
  SiteState St;
  /// The stores its arguments denote (Kind "none" where one denotes none).
  std::vector<Store> Args;
  bool Inline = false;
  /// Bind: the store it carries.
  std::optional<Store> Only;
  /// A coroutine handed to RUN or BIND: the store whose scope ends before
  /// its body (EndLazy) or at its first suspension.
  std::optional<Store> End;
  bool EndLazy = false;
  bool operator==(const Site &O) const {
    return Kind == O.Kind && Callee == O.Callee && At == O.At && St == O.St && Args == O.Args &&
           Inline == O.Inline && Only == O.Only && End == O.End && EndLazy == O.EndLazy;
  }
};

struct FunctionFacts {
  Function F;
  Place At;
  std::string Entry = "none"; ///< an EntryKind's name
  bool EntryOnly = true;
  /// Externally visible; its callers are not all known here
  /// (FunctionIndex::hasUnknownCallers); its address escapes here.
  bool Visible = false, UnknownCallers = false, Escapes = false;
  std::vector<Need> Needs;
  std::vector<Effect> Effects;
  bool MayThrow = false;
  std::optional<Returns> ReturnsRead;
  /// Functions of other files whose store value it may return.
  std::vector<Function> ReturnsFrom;
  std::vector<Site> Sites;
  bool operator==(const FunctionFacts &O) const {
    return F == O.F && At == O.At && Entry == O.Entry && EntryOnly == O.EntryOnly &&
           Visible == O.Visible && UnknownCallers == O.UnknownCallers && Escapes == O.Escapes &&
           Needs == O.Needs && Effects == O.Effects && MayThrow == O.MayThrow &&
           ReturnsRead == O.ReturnsRead && ReturnsFrom == O.ReturnsFrom && Sites == O.Sites;
  }
};

/// A value put into static storage that may come from a function of another
/// file (its store value, if that function returns one).
struct Kept {
  Place At;
  std::string Target; ///< as messages name it
  std::vector<Function> From;
  bool operator==(const Kept &O) const {
    return At == O.At && Target == O.Target && From == O.From;
  }
};

/// A file the translation unit read, as it was then.
struct Input {
  std::string File;
  uint64_t Size = 0;
  int64_t Modified = 0; ///< seconds since the epoch
  std::string Hash;     ///< of its content (xxh3, hexadecimal)
  bool operator==(const Input &O) const {
    return File == O.File && Size == O.Size && Modified == O.Modified && Hash == O.Hash;
  }
};

struct FactsFile {
  unsigned Version = FormatVersion;
  std::string File;
  std::vector<FunctionFacts> Functions;
  std::vector<Kept> KeptValues;
  /// Functions of other files whose address escapes here.
  std::vector<Function> Escapes;
  std::vector<Input> Inputs;
  bool operator==(const FactsFile &O) const {
    return Version == O.Version && File == O.File && Functions == O.Functions &&
           KeptValues == O.KeptValues && Escapes == O.Escapes && Inputs == O.Inputs;
  }
};

/// A function of another file, as a translation unit imports it: the part
/// of its program facts that can change the unit's findings
/// (utils/ProgramFacts).
struct ImportedFunction {
  Function F;
  std::vector<Need> Needs;
  std::vector<Effect> Effects;
  /// An exception can leave it (FunctionFacts::MayThrow of its own file).
  bool MayThrow = false;
  std::optional<Returns> ReturnsRead;
  bool operator==(const ImportedFunction &O) const {
    return F == O.F && Needs == O.Needs && Effects == O.Effects && MayThrow == O.MayThrow &&
           ReturnsRead == O.ReturnsRead;
  }
};

/// A function of the translation unit, as other files use it.
struct UsedElsewhere {
  Function F;
  bool Invoked = false;      ///< handed to an invocation runner elsewhere
  bool Threaded = false;     ///< started on a thread or spawned elsewhere
  bool Called = false;       ///< called directly, or its address taken, elsewhere
  bool CallersKnown = false; ///< every caller is known in the program
  bool operator==(const UsedElsewhere &O) const {
    return F == O.F && Invoked == O.Invoked && Threaded == O.Threaded && Called == O.Called &&
           CallersKnown == O.CallersKnown;
  }
};

/// What one translation unit takes from the facts of the rest of the
/// program, sorted by USR.
struct ImportSet {
  std::vector<ImportedFunction> Functions;
  std::vector<UsedElsewhere> Used;
  bool empty() const { return Functions.empty() && Used.empty(); }
  bool operator==(const ImportSet &O) const { return Functions == O.Functions && Used == O.Used; }
};

/// The text of an import set (the same set, the same text), and its
/// fingerprint.
std::string writeImports(const ImportSet &Set);
std::string importsFingerprint(const ImportSet &Set);
/// The set that writeImports wrote; an error for any other text.
llvm::Expected<ImportSet> readImports(llvm::StringRef Text);

/// A file's name as records write it: absolute (against the working
/// directory of \p Files) and without `.` or `..`.
std::string recordedPath(const FileManager &Files, llvm::StringRef Name);

/// The records of the summaries the analysis kept (ScopeAnalysisOptions::
/// KeepSummaries) for the translation unit of \p AST.
FactsFile recordSummaries(llvm::ArrayRef<FunctionSummary> Summaries, ASTContext &AST,
                          const RoleLayer &Roles);

/// The records of everything the analysis kept for the facts of the file
/// (ScopeAnalysisOptions::RecordSites), without the inputs.
FactsFile recordFacts(const ScopeAnalysisResult &Result, ASTContext &AST, const RoleLayer &Roles);

/// The text form of \p Facts.
std::string writeFacts(const FactsFile &Facts);

/// The records that writeFacts wrote; an error for any other text, format
/// or version.
llvm::Expected<FactsFile> readFacts(llvm::StringRef Text);

/// The names the records use for the kinds of the analysis.
llvm::StringRef entryKindName(EntryKind K);
llvm::StringRef originName(NoScopeOrigin O);
llvm::StringRef siteKindName(CallSite::Kind K);
std::optional<CallSite::Kind> siteKind(llvm::StringRef Name);

} // namespace tidy::asyncctx::records
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SUMMARYRECORDS_H

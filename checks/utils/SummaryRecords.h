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
//   {"format": "asyncctx-facts", "version": 1, "file": "src/claims.cpp",
//    "functions": [{"usr": "c:@F@use_claims#", "name": "use_claims",
//                   "at": {"file": ..., "line": 33, "column": 16},
//                   "entry": "none", "entry_only": true,
//                   "needs": [...], "effects": [...], "may_throw": false,
//                   "returns": {...}}]}
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

namespace tidy::asyncctx::records {

constexpr unsigned FormatVersion = 1;

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
  bool operator==(const Store &O) const {
    return K == O.K && Id == O.Id && Name == O.Name && Parameter == O.Parameter;
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

struct FunctionFacts {
  Function F;
  Place At;
  std::string Entry = "none"; ///< an EntryKind's name
  bool EntryOnly = true;
  std::vector<Need> Needs;
  std::vector<Effect> Effects;
  bool MayThrow = false;
  std::optional<Returns> ReturnsRead;
  bool operator==(const FunctionFacts &O) const {
    return F == O.F && At == O.At && Entry == O.Entry && EntryOnly == O.EntryOnly &&
           Needs == O.Needs && Effects == O.Effects && MayThrow == O.MayThrow &&
           ReturnsRead == O.ReturnsRead;
  }
};

struct FactsFile {
  unsigned Version = FormatVersion;
  std::string File;
  std::vector<FunctionFacts> Functions;
  bool operator==(const FactsFile &O) const {
    return Version == O.Version && File == O.File && Functions == O.Functions;
  }
};

/// The records of the summaries the analysis kept (ScopeAnalysisOptions::
/// KeepSummaries) for the translation unit of \p AST.
FactsFile recordSummaries(llvm::ArrayRef<FunctionSummary> Summaries, ASTContext &AST,
                          const RoleLayer &Roles);

/// The text form of \p Facts.
std::string writeFacts(const FactsFile &Facts);

/// The records that writeFacts wrote; an error for any other text, format
/// or version.
llvm::Expected<FactsFile> readFacts(llvm::StringRef Text);

/// The names the records use for the kinds of the analysis.
llvm::StringRef entryKindName(EntryKind K);
llvm::StringRef originName(NoScopeOrigin O);

} // namespace tidy::asyncctx::records
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SUMMARYRECORDS_H

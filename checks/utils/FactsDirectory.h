//===--- FactsDirectory.h - asyncctx-tidy ---------------------------------===//
//
// A directory of facts: what the analysis of each file of a program found
// of its functions (utils/SummaryRecords), one file of facts per
// translation unit, named by a key that asyncctx-tidy makes of the file and
// its compile command (tool/FactsCache). The analysis of a translation unit
// reads the facts of the others from it (utils/ProgramFacts links them;
// utils/ImportedFacts brings what matters into the analysis), and, when
// asyncctx-tidy runs it with a key, writes its own.
//
// The directory comes from the configuration (`asyncctx.FactsDir`: clangd,
// the plugin, run-clang-tidy); asyncctx-tidy's `--facts-dir` and
// `--cross-tu` name it, and the key, for the clang-tidy they run, in the
// environment (ASYNCCTX_FACTS_DIR, ASYNCCTX_FACTS_KEY), which wins, and
// may keep the unit waiting between the phases (ASYNCCTX_FACTS_HANDSHAKE).
//
// Files are written whole under another name and renamed, so that
// processes that share a directory never read half a file.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_FACTSDIRECTORY_H
#define ASYNCCTX_TIDY_UTILS_FACTSDIRECTORY_H

#include "ScopeAnalysis.h"
#include "SummaryRecords.h"

#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem/UniqueID.h"

#include <map>
#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class SourceManager;

namespace tidy::asyncctx {

class ImportedFacts;
class RoleConfig;

/// How the analysis of one translation unit uses a facts directory.
struct FactsSettings {
  /// Where the facts are; empty for none.
  std::string Directory;
  /// asyncctx-tidy's key for this translation unit: its facts are written
  /// under it, and what it imported is said beside them. Empty: nothing is
  /// written.
  std::string Key;
  /// asyncctx-read-outside-run reports the needs of functions whose callers
  /// are unknown (then whether the program knows them matters).
  bool StrictMode = false;

  bool operator==(const FactsSettings &O) const {
    return Directory == O.Directory && Key == O.Key && StrictMode == O.StrictMode;
  }
};

/// The environment variables by which asyncctx-tidy tells the clang-tidy it
/// runs where the facts are and under which key this unit's go. A unit with
/// a key is a process of its own for this one file (tool/ProgramRun), which
/// ends once its findings are out.
constexpr llvm::StringLiteral FactsDirVariable = "ASYNCCTX_FACTS_DIR";
constexpr llvm::StringLiteral FactsKeyVariable = "ASYNCCTX_FACTS_KEY";

/// A program run keeps each file parsed between the two phases
/// (tool/ProgramRun): it gives the unit the two ends of a handshake,
/// `<ready fd>:<go fd>`. Once its own facts are written, the unit says
/// `ready strict` or `ready plain` (its StrictMode) and waits: on `go` it
/// reads its import set from linkedPath(), linked by asyncctx-tidy with the
/// program's facts (or with those made so far, for a unit it lets go on
/// early: it keeps only so many files parsed), or, when there is none
/// there, links the facts the directory has itself.
constexpr llvm::StringLiteral FactsHandshakeVariable = "ASYNCCTX_FACTS_HANDSHAKE";
/// One line from \p FD, without its newline (a line of the handshake, or a
/// process's status: tool/Spawner); read on when a signal interrupts;
/// empty at the end of input (the other side has gone).
std::string readHandshakeLine(int FD);

/// The settings for a run with \p Config (its asyncctx.FactsDir), unless
/// the environment names a directory.
FactsSettings factsSettings(const RoleConfig &Config, bool StrictMode);

/// Where a key's facts, and the record of what its analysis imported, are.
std::string factsPath(llvm::StringRef Directory, llvm::StringRef Key);
std::string importsPath(llvm::StringRef Directory, llvm::StringRef Key);
/// Where asyncctx-tidy puts a key's import set for a unit in the handshake.
std::string linkedPath(llvm::StringRef Directory, llvm::StringRef Key);

/// The facts of a directory's translation units, each file read once while
/// it is the same file: a unit writes its facts anew by renaming a new file
/// over the old one (writeAtomically), which changes the file's identity.
/// One reader serves a whole program run (tool/ProgramRun); a unit that
/// links for itself reads the directory once with a reader of its own.
class FactsDirectoryReader {
public:
  explicit FactsDirectoryReader(std::string Directory) : Directory(std::move(Directory)) {}

  llvm::StringRef directory() const { return Directory; }
  /// The facts of every translation unit in the directory but those of the
  /// file \p Except (its facts of another compile command too), in the
  /// order of their paths. A file that does not read is left out.
  std::vector<records::FactsFile> files(llvm::StringRef Except = "");
  /// The facts of \p Key, if they read; valid until they are read again.
  const records::FactsFile *file(llvm::StringRef Key);

private:
  struct Read {
    llvm::sys::fs::UniqueID Identity;
    llvm::sys::TimePoint<> Modified;
    uint64_t Size = 0;
    std::optional<records::FactsFile> Facts;
  };
  /// The facts at \p Path, read again only when the file there changed.
  const std::optional<records::FactsFile> &at(const std::string &Path);

  std::string Directory;
  std::map<std::string, Read> ByPath;
};

/// What the analysis of a translation unit imported: the fingerprint of its
/// import set, and the StrictMode it was chosen for.
struct ImportRecord {
  std::string Fingerprint;
  bool StrictMode = false;
};
std::optional<ImportRecord> readImportRecord(llvm::StringRef Directory, llvm::StringRef Key);

/// The files \p SM read, as the facts record them.
std::vector<records::Input> inputsOf(const SourceManager &SM);
/// Whether every input is still as recorded (by size and time, else by
/// content).
bool inputsUnchanged(llvm::ArrayRef<records::Input> Inputs);

/// \p Path made absolute (against the current directory) and without `.`
/// and `..`.
std::string normalPath(llvm::StringRef Path);

/// Writes \p Text to \p Path through a temporary file and a rename; false
/// on failure.
bool writeAtomically(llvm::StringRef Path, llvm::StringRef Text);

/// For the analysis of the translation unit of \p AST: its own facts
/// (written, with \p Settings.Key), the program linked from them, the
/// directory's and \p Headers (the facts of the headers clangd parsed
/// without bodies: utils/HeaderFacts), and what of it the analysis imports.
/// Null with neither a directory nor such headers.
std::unique_ptr<ImportedFacts> importFacts(ASTContext &AST, const RoleConfig &Config,
                                           const RoleLayer &Roles, const FactsSettings &Settings,
                                           std::shared_ptr<const records::FactsFile> Headers);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_FACTSDIRECTORY_H

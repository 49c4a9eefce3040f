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
/// runs where the facts are and under which key this unit's go.
constexpr llvm::StringLiteral FactsDirVariable = "ASYNCCTX_FACTS_DIR";
constexpr llvm::StringLiteral FactsKeyVariable = "ASYNCCTX_FACTS_KEY";

/// A program run keeps each file parsed between the two phases
/// (tool/ProgramRun): it gives the unit the two ends of a handshake,
/// `<ready fd>:<go fd>`. Once its own facts are written, the unit says
/// `ready strict` or `ready plain` (its StrictMode) and waits: on `go` it
/// reads its import set, linked once for the whole program, from
/// linkedPath(), or, when there is none there (asyncctx-tidy keeps only so
/// many files parsed, and lets the others go on early), links the facts the
/// directory has itself.
constexpr llvm::StringLiteral FactsHandshakeVariable = "ASYNCCTX_FACTS_HANDSHAKE";
/// One line of the handshake from \p FD, without its newline; empty at the
/// end of input (the other side has gone).
std::string readHandshakeLine(int FD);

/// The settings for a run with \p Config (its asyncctx.FactsDir), unless
/// the environment names a directory.
FactsSettings factsSettings(const RoleConfig &Config, bool StrictMode);

/// Where a key's facts, and the record of what its analysis imported, are.
std::string factsPath(llvm::StringRef Directory, llvm::StringRef Key);
std::string importsPath(llvm::StringRef Directory, llvm::StringRef Key);
/// Where asyncctx-tidy puts a key's import set for a unit in the handshake.
std::string linkedPath(llvm::StringRef Directory, llvm::StringRef Key);

/// The facts of every translation unit in \p Directory but those of the
/// file \p Except (its facts of another compile command too). A file that
/// does not read is left out.
std::vector<records::FactsFile> readFactsDirectory(llvm::StringRef Directory,
                                                   llvm::StringRef Except);

/// The facts of \p Key, if they read.
std::optional<records::FactsFile> readFactsFile(llvm::StringRef Directory, llvm::StringRef Key);

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

//===--- Findings.h - a run's diagnostics, placed and fingerprinted -------===//
//
// What every report asyncctx-tidy writes after a run shares: each
// diagnostic once (a header's finding that several translation units
// report is one finding), its file relative to the root the run was made
// from, its line and column, and its fingerprint.
//
// A fingerprint names a finding across unrelated edits, so that a baseline
// still knows it after lines were added above it, and so that code
// scanning and GitLab follow it from one commit to the next. It is the
// SHA-256 of the check's name, the file's path relative to the root, the
// text of the finding's line with all white space removed, and the
// finding's index among the findings of that check in that file on lines
// of the same text (so that two equal lines are two findings). The line's
// number and the column are not in it: they move with every edit above.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_FINDINGS_H
#define ASYNCCTX_TIDY_TOOL_FINDINGS_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace asyncctx {

/// A place in a file.
struct Place {
  /// The file's absolute path.
  std::string File;
  /// The file relative to the root when it is under it, else absolute.
  std::string Path;
  /// 1-based; the column counts bytes, as clang prints it.
  unsigned Line = 1;
  unsigned Column = 1;
};

struct Finding {
  const clang::tooling::Diagnostic *Diag = nullptr;
  /// Where it is. A diagnostic about no place in the code (an invalid
  /// configuration value) is put on the first line of the file the run
  /// analysed, as code scanning wants every result placed.
  Place Where;
  bool HasPlace = true;
  /// Where each of its notes is that has a place, in order.
  std::vector<std::pair<Place, std::string>> Notes;
  std::string Fingerprint;
};

/// The documents' findings, each once, in the order of the documents.
/// \p Root is the directory paths are made relative to (the current one).
std::vector<Finding>
collectFindings(llvm::ArrayRef<clang::tooling::TranslationUnitDiagnostics> Documents,
                llvm::StringRef Root);

/// The file's absolute path: relative paths in an export are relative to
/// the build directory of their compile command.
std::string absolutePath(const clang::tooling::Diagnostic &D, llvm::StringRef File);

/// What tells two diagnostics apart: the same key is the same finding.
std::string findingKey(const clang::tooling::Diagnostic &D);

/// Writes \p Value to \p Path as indented JSON; \p What names the file in
/// the error.
llvm::Error writeJsonFile(const llvm::json::Value &Value, llvm::StringRef Path,
                          llvm::StringRef What);

/// The level a report gives a finding: "error" or "warning" (clang-tidy's
/// remarks count as warnings).
llvm::StringRef levelName(const clang::tooling::Diagnostic &D);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_FINDINGS_H

//===--- ExportedFixes.h - the YAML of clang-tidy's --export-fixes --------===//
//
// asyncctx-tidy runs clang-tidy with `--export-fixes` pointed at a file of
// its own and reads it afterwards: the user's own export is a copy without
// the fix-its of notes (unless `--fix-notes`), since clang-apply-replacements
// and `run-clang-tidy -fix` apply the first fix they find, a note's included;
// the SARIF log is made from it; and it tells whether clang stopped at its
// error limit.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_EXPORTEDFIXES_H
#define ASYNCCTX_TIDY_TOOL_EXPORTEDFIXES_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace asyncctx {

/// Reads every YAML document of a file written by clang-tidy's
/// `--export-fixes` (or merged by run-clang-tidy). An empty file has none.
llvm::Expected<std::vector<clang::tooling::TranslationUnitDiagnostics>>
readExportedDocuments(llvm::StringRef Path);

/// Writes the documents as clang-tidy's `--export-fixes` does.
llvm::Error writeExportedDocuments(
    llvm::ArrayRef<clang::tooling::TranslationUnitDiagnostics> Documents,
    llvm::StringRef Path);

/// Removes the fix-its of every note (the rewrites only `--fix-notes` may
/// apply); returns how many notes lost one.
unsigned dropNoteFixes(std::vector<clang::tooling::TranslationUnitDiagnostics> &Documents);

/// A file whose analysis ended at clang's error limit ("too many errors
/// emitted, stopping now"), and how many errors it had reported by then.
struct ErrorLimitHit {
  std::string MainFile;
  unsigned Errors = 0;
};
std::optional<ErrorLimitHit>
findErrorLimit(llvm::ArrayRef<clang::tooling::TranslationUnitDiagnostics> Documents);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_EXPORTEDFIXES_H

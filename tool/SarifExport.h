//===--- SarifExport.h - SARIF 2.1.0 from clang-tidy's diagnostics -------===//
//
// asyncctx-tidy's `--export-sarif`: turns the diagnostics clang-tidy exports
// with `--export-fixes` (one YAML document per run, or the merged file of
// run-clang-tidy) into a SARIF 2.1.0 log for code scanning: one result per
// diagnostic with its check as the rule, its location as line and column,
// its notes as related locations, and its fix-its (and those of its notes)
// as SARIF fixes.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_SARIFEXPORT_H
#define ASYNCCTX_TIDY_TOOL_SARIFEXPORT_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <vector>

namespace asyncctx {

/// Reads every YAML document of a file written by clang-tidy's
/// `--export-fixes` (or merged by run-clang-tidy). An empty file has none.
llvm::Expected<std::vector<clang::tooling::Diagnostic>>
readExportedDiagnostics(llvm::StringRef Path);

/// Builds the SARIF log. File paths under \p SourceRoot become URIs
/// relative to the base id SRCROOT (so code scanning maps them onto the
/// repository); others stay absolute file URIs. Duplicates (a header's
/// finding reported from several translation units) are dropped.
llvm::json::Value
buildSarifLog(llvm::ArrayRef<clang::tooling::Diagnostic> Diagnostics,
              llvm::StringRef SourceRoot);

/// Writes the log to the file \p Path.
llvm::Error writeSarifLog(const llvm::json::Value &Log, llvm::StringRef Path);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_SARIFEXPORT_H

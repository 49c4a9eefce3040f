//===--- SarifExport.h - SARIF 2.1.0 from clang-tidy's diagnostics -------===//
//
// asyncctx-tidy's `--export-sarif`: turns the diagnostics clang-tidy exports
// with `--export-fixes` (one YAML document per run, or the merged file of
// run-clang-tidy) into a SARIF 2.1.0 log for code scanning: one result per
// diagnostic with its check as the rule, its location as line and column,
// its notes as related locations and as a code flow, and its fix-its (and
// those of its notes) as SARIF fixes.
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

/// Builds the SARIF log from the exported documents (one per clang-tidy
/// run). File paths under \p SourceRoot become URIs relative to the base id
/// SRCROOT (so code scanning maps them onto the repository); others stay
/// absolute file URIs. Duplicates (a header's finding reported from several
/// translation units) are dropped. Every result has a location: one without
/// any gets the first line of its run's main file. A non-empty \p Category
/// becomes the run's `automationDetails.id` (with the trailing slash that
/// makes all of it the category for code scanning).
llvm::json::Value
buildSarifLog(llvm::ArrayRef<clang::tooling::TranslationUnitDiagnostics> Documents,
              llvm::StringRef SourceRoot, llvm::StringRef Category = "");

/// Writes the log to the file \p Path.
llvm::Error writeSarifLog(const llvm::json::Value &Log, llvm::StringRef Path);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_SARIFEXPORT_H

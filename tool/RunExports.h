//===--- RunExports.h - what asyncctx-tidy writes after clang-tidy ran ----===//
//
// asyncctx-tidy always runs clang-tidy with `--export-fixes` pointed at a
// temporary file, and works from that afterwards: the SARIF log, the
// user's own `--export-fixes` (a copy without the fix-its of notes unless
// `--fix-notes`: clang-apply-replacements would apply them), and a message
// when clang stopped at its error limit. `--sarif-input` converts exports
// written earlier (run-clang-tidy's merged one) the same way.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_RUNEXPORTS_H
#define ASYNCCTX_TIDY_TOOL_RUNEXPORTS_H

#include "OwnOptions.h"

#include "llvm/ADT/StringRef.h"

namespace asyncctx {

/// Converts the request's inputs into its SARIF log; returns the status.
int convertExports(const ExportRequest &Request);

/// Reads clang-tidy's export \p Export after the run and writes what the
/// request asks for; says when clang stopped at its error limit. Returns
/// the status (0 when all is well).
int writeRunExports(llvm::StringRef Export, const ExportRequest &Request, bool FixNotes);

/// Reports an error of asyncctx-tidy's own; returns the status 1.
int reportError(const llvm::Twine &Message);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_RUNEXPORTS_H

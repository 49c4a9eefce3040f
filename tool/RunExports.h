//===--- RunExports.h - what asyncctx-tidy writes after clang-tidy ran ----===//
//
// asyncctx-tidy always runs clang-tidy with `--export-fixes` pointed at a
// temporary file, and works from that afterwards: the user's own
// `--export-fixes` (a copy without the fix-its of notes unless
// `--fix-notes`: clang-apply-replacements would apply them), the SARIF log,
// GitHub annotations, GitLab's Code Quality report, the baseline, and a
// message when clang stopped at its error limit. `--sarif-input` converts
// exports written earlier (run-clang-tidy's merged one) the same way.
//
// With `--baseline`, the findings it records are left out of all of these
// and of the text report, and do not fail the run.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_RUNEXPORTS_H
#define ASYNCCTX_TIDY_TOOL_RUNEXPORTS_H

#include "OwnOptions.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace asyncctx {

/// What clang-tidy printed where asyncctx-tidy held it back, to print it
/// itself: the report (standard output) when a baseline leaves findings
/// out of it, the messages (standard error) when a configuration error
/// would end them with "Found compiler error(s).".
struct HeldOutput {
  std::optional<std::string> Report;
  std::optional<std::string> Messages;
};

/// Converts the request's inputs into the reports it asks for; returns the
/// status (with --baseline, 1 when an error is left).
int convertExports(const ExportRequest &Request);

/// After clang-tidy ran with the status \p Status and exported to
/// \p Export: prints what was held, writes what the request asks for, says
/// when clang stopped at its error limit. Returns the run's status.
int finishRun(llvm::StringRef Export, const ExportRequest &Request, bool FixNotes,
              int Status, const HeldOutput &Held);

/// Reports an error of asyncctx-tidy's own; returns the status 1.
int reportError(const llvm::Twine &Message);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_RUNEXPORTS_H

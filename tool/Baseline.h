//===--- Baseline.h - findings recorded to be left alone ------------------===//
//
// A team that turns the checks on for old code records today's findings
// (`--write-baseline=FILE`) and from then on is shown only the findings
// that are not in the record (`--baseline=FILE`): new code is held to the
// checks, old code is fixed when someone gets to it. Findings are matched
// by their fingerprints (Findings.h), which survive lines moving above
// them. Compile errors and configuration errors are never recorded: they
// are not findings to live with.
//
// The file is JSON, sorted, one finding an entry, so that it diffs well
// under version control:
//
//   {"tool": "asyncctx-tidy", "version": 1, "findings": [
//     {"fingerprint": "...", "check": "asyncctx-enter-with",
//      "path": "src/handler.cpp", "line": 12, "message": "..."}]}
//
// Only the fingerprint matches; the rest is for the reader.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_BASELINE_H
#define ASYNCCTX_TIDY_TOOL_BASELINE_H

#include "Findings.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

namespace asyncctx {

/// Whether a baseline records the finding (not a compile or configuration
/// error).
bool isBaselinable(const Finding &F);

/// The fingerprints a baseline file records.
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);

/// Writes the baselinable findings to \p Path.
llvm::Error writeBaseline(llvm::ArrayRef<Finding> Findings, llvm::StringRef Path);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_BASELINE_H

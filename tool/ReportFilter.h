//===--- ReportFilter.h - clang-tidy's text report, less some findings ----===//
//
// With `--baseline`, the findings the baseline records are left out of
// what the user reads too, not only out of the exports. clang-tidy prints
// its report as it goes, so asyncctx-tidy has it printed into a file, and
// prints it afterwards without the left-out findings. In the report, a
// diagnostic is its first line (`file:line:col: warning: message [check]`)
// and everything up to the next diagnostic's first line: its source line,
// its caret, its notes.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_REPORTFILTER_H
#define ASYNCCTX_TIDY_TOOL_REPORTFILTER_H

#include "Findings.h"

#include <string>

namespace asyncctx {

/// \p Report without the diagnostics of the findings in \p Dropped.
std::string dropFromReport(llvm::StringRef Report, llvm::ArrayRef<const Finding *> Dropped);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_REPORTFILTER_H

//===--- CiReports.h - findings for CI without code scanning --------------===//
//
// Two reports for CI systems that do not read SARIF:
// - GitHub Actions workflow commands (`--github-annotations`): one
//   `::warning file=...,line=...,col=...,title=<check>::<message>` (or
//   `::error`) line per finding on standard output, which GitHub shows on
//   the pull request's lines, in repositories without code scanning too.
//   The notes follow the message, one a line.
// - GitLab's Code Quality report (`--export-codequality=FILE`): a JSON
//   array of issues, each with its check, message, fingerprint, severity
//   and place, which GitLab shows in the merge request.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_CIREPORTS_H
#define ASYNCCTX_TIDY_TOOL_CIREPORTS_H

#include "Findings.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace asyncctx {

/// Prints one workflow command per finding.
void printGithubAnnotations(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS);

/// Writes GitLab's Code Quality report of the findings to \p Path.
llvm::Error writeCodeQuality(llvm::ArrayRef<Finding> Findings, llvm::StringRef Path);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_CIREPORTS_H

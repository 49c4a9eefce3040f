//===--- OwnOptions.h - the options asyncctx-tidy handles itself ----------===//
//
// clang-tidy never sees these: CommandLine takes them out of argv, and they
// become one ExportRequest, which says what asyncctx-tidy writes after
// clang-tidy ran (or instead of running it, for `--sarif-input`).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_OWNOPTIONS_H
#define ASYNCCTX_TIDY_TOOL_OWNOPTIONS_H

#include "CommandLine.h"

#include <optional>
#include <string>
#include <vector>

namespace asyncctx {

/// The own options, for CommandLine::parse.
llvm::ArrayRef<OwnOption> ownOptions();

/// Lists the own options with clang-tidy's in `--help`.
void listOwnOptionsInHelp();

/// What the own options ask for.
struct ExportRequest {
  /// --export-sarif: the SARIF log.
  std::optional<std::string> Sarif;
  /// --sarif-input: exports to convert instead of running clang-tidy.
  std::vector<std::string> Inputs;
  /// --sarif-category: the SARIF run's category.
  std::optional<std::string> Category;
  /// --export-fixes: the user's own export (asyncctx-tidy always has
  /// clang-tidy export to a file of its own, and writes this one from it).
  std::optional<std::string> UserExportFixes;
  /// --baseline: the findings it records are left out of everything.
  std::optional<std::string> Baseline;
  /// --write-baseline: records the run's findings.
  std::optional<std::string> WriteBaseline;
  /// --github-annotations: workflow commands on standard output.
  bool GithubAnnotations = false;
  /// --export-codequality: GitLab's Code Quality report.
  std::optional<std::string> CodeQuality;

  /// Whether anything but the user's own export is asked for.
  bool reports() const {
    return Sarif || WriteBaseline || GithubAnnotations || CodeQuality;
  }
};

ExportRequest exportRequest(const CommandLine &Args);

/// What is wrong with the request as given, before anything runs; nothing
/// when it can go ahead.
std::optional<std::string> misuse(const ExportRequest &Request, const CommandLine &Args);

/// What keeps the exports of a run that analyses from being written (a
/// directory that cannot be written, a run that also fixes); nothing when
/// they can be.
std::optional<std::string> exportProblem(const ExportRequest &Request,
                                         const CommandLine &Args);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_OWNOPTIONS_H

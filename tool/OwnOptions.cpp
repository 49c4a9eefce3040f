//===--- OwnOptions.cpp - the options asyncctx-tidy handles itself --------===//

#include "OwnOptions.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace cl = llvm::cl;

// Declared so that `--help` lists them with clang-tidy's options. Their
// values are taken from the arguments before clang-tidy parses them (it must
// already be told where to export), so these objects never hold a value.
static cl::opt<std::string> ExportSarif("export-sarif", cl::desc(R"(
Write the diagnostics as a SARIF 2.1.0 log to
<filename>: one result per diagnostic, with the
check as its rule, notes as related locations and
a code flow, and fix-its as fixes. File paths under the current
directory are relative to its base id SRCROOT.
)"),
                                        cl::value_desc("filename"));
static cl::list<std::string> SarifInput("sarif-input", cl::desc(R"(
With --export-sarif: convert diagnostics that
clang-tidy or run-clang-tidy already exported with
--export-fixes, instead of analysing any file.
)"),
                                        cl::value_desc("filename"));
static cl::opt<std::string> SarifCategory("sarif-category", cl::desc(R"(
With --export-sarif: the run's category
(automationDetails.id), under which code
scanning keeps its results apart from other
runs' (one per CI shard).
)"),
                                          cl::value_desc("category"));
static cl::opt<std::string> WriteBaseline("write-baseline", cl::desc(R"(
Record the run's findings in <filename> (a
baseline), for --baseline to leave them out.
)"),
                                          cl::value_desc("filename"));
static cl::opt<std::string> Baseline("baseline", cl::desc(R"(
Leave out the findings that <filename> records
(--write-baseline): report only new ones. They
are matched by fingerprints that survive lines
moving above them.
)"),
                                     cl::value_desc("filename"));
static cl::opt<bool> GithubAnnotations("github-annotations", cl::desc(R"(
Also print each finding as a GitHub Actions
workflow command (::warning file=...,line=...::),
which GitHub shows on the lines of a pull request.
)"));
static cl::opt<std::string> ExportCodeQuality("export-codequality", cl::desc(R"(
Write the findings as GitLab's Code Quality
report (JSON) to <filename>.
)"),
                                              cl::value_desc("filename"));

namespace asyncctx {

llvm::ArrayRef<OwnOption> ownOptions() {
  static const OwnOption Options[] = {
      {"export-sarif"},   {"sarif-input"},           {"sarif-category"},
      {"export-fixes"},   {"write-baseline"},        {"baseline"},
      {"export-codequality"}, {"github-annotations", true}};
  return Options;
}

void listOwnOptionsInHelp() {
  // `--help` shows only the options of clang-tidy's category, which
  // clangTidyMain keeps to itself, so take it from one of its options.
  auto &Registered = cl::getRegisteredOptions();
  auto Checks = Registered.find("checks");
  if (Checks == Registered.end() || Checks->second->Categories.empty())
    return;
  cl::OptionCategory *ClangTidy = Checks->second->Categories.front();
  ExportSarif.addCategory(*ClangTidy);
  SarifInput.addCategory(*ClangTidy);
  SarifCategory.addCategory(*ClangTidy);
  WriteBaseline.addCategory(*ClangTidy);
  Baseline.addCategory(*ClangTidy);
  GithubAnnotations.addCategory(*ClangTidy);
  ExportCodeQuality.addCategory(*ClangTidy);
}

ExportRequest exportRequest(const CommandLine &Args) {
  ExportRequest Request;
  Request.Sarif = Args.ownValue("export-sarif");
  Request.Inputs = Args.ownValues("sarif-input").vec();
  Request.Category = Args.ownValue("sarif-category");
  Request.UserExportFixes = Args.ownValue("export-fixes");
  Request.Baseline = Args.ownValue("baseline");
  Request.WriteBaseline = Args.ownValue("write-baseline");
  Request.GithubAnnotations = Args.ownFlag("github-annotations");
  Request.CodeQuality = Args.ownValue("export-codequality");
  return Request;
}

std::optional<std::string> misuse(const ExportRequest &Request, const CommandLine &Args) {
  // Standard output carries clang-tidy's own report.
  if (Request.Sarif && (Request.Sarif->empty() || *Request.Sarif == "-"))
    return "--export-sarif needs a file name (standard output carries clang-tidy's report)";
  if (Request.Category && !Request.Sarif)
    return "--sarif-category names the category of the log that --export-sarif=<file> "
           "writes";
  if (Request.Category &&
      (Request.Category->empty() || llvm::StringRef(*Request.Category).trim('/').empty()))
    return "--sarif-category needs a name (for example asyncctx-tidy/shard-1-of-4)";
  for (const std::optional<std::string> *File :
       {&Request.CodeQuality, &Request.Baseline, &Request.WriteBaseline})
    if (*File && ((*File)->empty() || **File == "-"))
      return "--export-codequality, --baseline and --write-baseline need a file name";
  if (Request.Baseline && Request.WriteBaseline)
    return "--baseline leaves out what --write-baseline would record: write the baseline "
           "in a run of its own";
  if (!Request.Inputs.empty()) {
    if (!Request.reports())
      return "--sarif-input needs --export-sarif=<file> to write to (or "
             "--export-codequality, --github-annotations, --write-baseline)";
    if (!Args.rest().empty())
      return "--sarif-input converts an export and analyses nothing; remove '" +
             std::string(Args.rest().front()) + "'";
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> exportProblem(const ExportRequest &Request,
                                         const CommandLine &Args) {
  if (Request.Sarif) {
    // Find out now, not after a long analysis, that the log has nowhere to go.
    llvm::SmallString<256> Directory(*Request.Sarif);
    llvm::sys::fs::make_absolute(Directory);
    llvm::sys::path::remove_filename(Directory);
    if (std::error_code EC =
            llvm::sys::fs::access(Directory, llvm::sys::fs::AccessMode::Write))
      return "SARIF log: cannot write '" + *Request.Sarif + "': " + EC.message();
    // The log's lines and columns are read from the files after clang-tidy
    // ran; fixes applied in that run would move them.
    if (Args.asksForFixes())
      return "--export-sarif describes the files as they are and cannot be combined with "
             "--fix, --fix-errors or --fix-notes; apply the fixes in a second run";
  }
  if ((Request.reports() || Request.Baseline) && Args.asksForFixes())
    return "--export-codequality, --github-annotations, --baseline and --write-baseline "
           "describe the files as they are and cannot be combined with --fix, --fix-errors "
           "or --fix-notes; apply the fixes in a second run";
  return std::nullopt;
}

} // namespace asyncctx

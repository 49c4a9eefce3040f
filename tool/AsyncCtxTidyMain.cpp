//===--- AsyncCtxTidyMain.cpp - asyncctx-tidy -----------------------------===//
//
// asyncctx-tidy: clang-tidy's own command line, with every built-in module
// and the asyncctx module linked in, and what a team needs of it in CI:
//
// - `--export-sarif` (RunExports, SarifExport). clang-tidy 19 writes its
//   diagnostics only as text and as the YAML of `--export-fixes`, so
//   asyncctx-tidy always runs clang-tidy with `--export-fixes` pointed at a
//   temporary file and works from that afterwards. `--sarif-input=<yaml>`
//   converts an existing export instead, such as the merged one
//   run-clang-tidy writes; `--sarif-category` names the run's category.
// - `--verify-config` also checks the values of the `asyncctx.*` options
//   (ConfigVerification; clang-tidy checks only their keys).
// - A compile database that lists nothing, or a `-p` directory without one,
//   is an error rather than a run without flags (CompileDatabaseCheck).
// - `--cross-tu`, `--facts-dir` and `--facts-only` analyse the files as one
//   program (ProgramRun).
// - With no configuration of the user's (no `.clang-tidy`, no `--checks`
//   or `--config`), the asyncctx checks run, and it says so.
// - Baselines (`--write-baseline`, `--baseline`: Baseline), GitHub
//   annotations and GitLab's Code Quality report (CiReports), made from the
//   same export as the SARIF log.
// - A configuration error is reported as one, never as "Found compiler
//   error(s)."
// - `--version` names asyncctx-tidy's version beside LLVM's.
// - A run that analyses files runs itself again with its heap in huge pages,
//   and sets malloc's thresholds as a grown process has them (Heap).
//
// CommandLine is the one parser of the arguments; the rest go to
// clangTidyMain unchanged.
//
//===----------------------------------------------------------------------===//

#include "CommandLine.h"
#include "CompileDatabaseCheck.h"
#include "ConfigVerification.h"
#include "Heap.h"
#include "OutputMuting.h"
#include "OwnOptions.h"
#include "ProgramRun.h"
#include "RunExports.h"

#include "clang-tidy/ClangTidyForceLinker.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"

#include <unistd.h>

/// The asyncctx checks' names, for the message that says they run.
static constexpr llvm::StringLiteral AsyncCtxChecks[] = {
#define ASYNCCTX_CHECK(Class, Name, Summary) "asyncctx-" Name,
#include "Checks.def"
};

extern volatile int AsyncCtxTidyModuleAnchorSource;
[[maybe_unused]] static int AsyncCtxTidyModuleAnchorDestination =
    AsyncCtxTidyModuleAnchorSource;

using namespace asyncctx;

/// `--verify-config`: clang-tidy's checks of the configuration, and ours of
/// the asyncctx values. Returns the status.
static int verifyConfig(CommandLine &Args) {
  if (!reportInvalidAsyncCtxValues(Args))
    return Args.runClangTidy();
  // clang-tidy still reports what it checks; its "No config errors
  // detected." would contradict ours.
  Silence Quiet(STDOUT_FILENO);
  Args.runClangTidy();
  return 1;
}

/// The checks asyncctx-tidy runs where no configuration of the user's
/// applies (clang-tidy's default would be clang-analyzer-* alone, and
/// asyncctx-tidy has none of those).
static constexpr llvm::StringLiteral DefaultChecks = "-*,asyncctx-*";

/// Runs the asyncctx checks where the user configured none, and says so
/// when it analyses files.
static void useDefaultChecks(CommandLine &Args) {
  Args.add("--checks=" + DefaultChecks);
  if (Args.analysesNothing())
    return;
  std::vector<std::string> Files = Args.sourceFiles();
  llvm::errs() << "asyncctx-tidy: no .clang-tidy applies"
               << (Files.empty() ? std::string() : " to '" + Files.front() + "'")
               << ", so the asyncctx checks run (--checks='" << DefaultChecks << "': "
               << llvm::join(std::begin(AsyncCtxChecks), std::end(AsyncCtxChecks), ", ") << "); choose others with Checks in .clang-tidy\n";
}

/// A run that analyses files: clang-tidy exports to a temporary file, from
/// which the exports the request asks for are written. Returns the status.
static int analyse(CommandLine &Args, const ExportRequest &Request,
                   const ProgramRequest &Program) {
  // clang-tidy writes the export only when there are diagnostics, so an
  // empty temporary file means none.
  llvm::SmallString<128> Export;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("asyncctx-tidy-export", "yaml", Export))
    return reportError("cannot create a temporary file: " + EC.message());
  llvm::FileRemover RemoveExport(Export);
  Args.add("--export-fixes=" + Export);

  // Held back and printed afterwards: the report, when the baseline leaves
  // findings out of it; the messages, when clang-tidy would end them with
  // "Found compiler error(s)." for a configuration error.
  std::optional<Capture> Report, Messages;
  if (Request.Baseline)
    Report.emplace(STDOUT_FILENO);
  if (hasAsyncCtxConfigurationErrors(Args))
    Messages.emplace(STDERR_FILENO);
  int Status = Program.active() ? runProgram(Args, Program, Export) : Args.runClangTidy();
  HeldOutput Held;
  if (Report)
    Held.Report = Report->take();
  if (Messages)
    Held.Messages = Messages->take();
  return finishRun(Export, Request, Args.flag("fix-notes"), Status, Held);
}

int main(int argc, const char **argv) {
  listOwnOptionsInHelp();
  listProgramOptionsInHelp();
  // The version is CMake's project(VERSION), the one place it is kept.
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "asyncctx-tidy version " ASYNCCTX_TIDY_VERSION "\n";
  });

  CommandLine Args;
  std::vector<OwnOption> Own(ownOptions().begin(), ownOptions().end());
  Own.insert(Own.end(), programOptions().begin(), programOptions().end());
  if (!Args.parse(argc, argv, Own))
    return reportError("cannot expand the response files of the command line");
  ExportRequest Request = exportRequest(Args);
  if (std::optional<std::string> Problem = misuse(Request, Args))
    return reportError(*Problem);
  ProgramRequest Program = programRequest(Args);
  if (std::optional<std::string> Problem = programMisuse(Program, Args))
    return reportError(*Problem);
  if (!Request.Inputs.empty())
    return convertExports(Request);
  // Before anything is printed: the run starts again from here.
  if (!Args.analysesNothing()) {
    runAgainWithHugePages(argv);
    keepHeapAsGrown();
  }

  if (usesNoConfiguration(Args))
    useDefaultChecks(Args);
  if (Args.flag("verify-config"))
    return verifyConfig(Args);
  if (std::optional<std::string> Problem = compileDatabaseProblem(Args))
    return reportError(*Problem);
  if (std::optional<std::string> Problem = exportProblem(Request, Args))
    return reportError(*Problem);
  return analyse(Args, Request, Program);
}

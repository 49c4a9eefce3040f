//===--- ProgramRun.cpp - the files of a program analysed as one ----------===//

#include "ProgramRun.h"
#include "FactsCache.h"

#include "utils/FactsDirectory.h"
#include "utils/ProgramFacts.h"

#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace utils = clang::tidy::asyncctx;

namespace cl = llvm::cl;

// Declared for `--help` only: CommandLine takes the values out of the
// arguments before clang-tidy sees them.
static cl::opt<bool> CrossTu("cross-tu", cl::desc(R"(
Analyse the source files as one program: the
facts of every file first, then each file's
findings with the facts of the others
(docs/cross-tu.md).
)"));
static cl::opt<std::string> FactsDir("facts-dir", cl::desc(R"(
Keep the facts of the files, and each file's
report, in <directory>: a later run analyses
only the files that changed and those whose
facts from the others changed. Without
--cross-tu, one phase over what it holds.
)"),
                                     cl::value_desc("directory"));
static cl::opt<bool> FactsOnly("facts-only", cl::desc(R"(
With --facts-dir: make the facts of the files
(the first phase) and print nothing.
)"));

namespace asyncctx {

void listProgramOptionsInHelp() {
  auto &Registered = cl::getRegisteredOptions();
  auto Checks = Registered.find("checks");
  if (Checks == Registered.end() || Checks->second->Categories.empty())
    return;
  cl::OptionCategory *ClangTidy = Checks->second->Categories.front();
  CrossTu.addCategory(*ClangTidy);
  FactsDir.addCategory(*ClangTidy);
  FactsOnly.addCategory(*ClangTidy);
}

llvm::ArrayRef<OwnOption> programOptions() {
  static const OwnOption Options[] = {
      {"cross-tu", /*IsFlag=*/true}, {"facts-only", /*IsFlag=*/true}, {"facts-dir"}};
  return Options;
}

ProgramRequest programRequest(const CommandLine &Args) {
  ProgramRequest Request;
  Request.CrossTu = Args.ownFlag("cross-tu");
  Request.FactsOnly = Args.ownFlag("facts-only");
  Request.FactsDir = Args.ownValue("facts-dir");
  // run-clang-tidy passes none of asyncctx-tidy's options: the environment
  // names the directory for the asyncctx-tidy it runs per file.
  if (!Request.FactsDir)
    if (std::optional<std::string> FromEnvironment =
            llvm::sys::Process::GetEnv(utils::FactsDirVariable))
      Request.FactsDir = *FromEnvironment;
  return Request;
}

std::optional<std::string> programMisuse(const ProgramRequest &Request,
                                         const CommandLine &Args) {
  if (!Request.active() || Args.analysesNothing())
    return std::nullopt;
  if (Request.FactsDir && Request.FactsDir->empty())
    return "--facts-dir needs a directory";
  if (Request.FactsOnly && !Request.FactsDir)
    return "--facts-only keeps the facts for a later run: give it --facts-dir=DIR";
  if (Request.FactsOnly && Request.CrossTu)
    return "--facts-only is the first phase of --cross-tu: give one of them";
  if (Args.sourceFiles().empty())
    return "--cross-tu, --facts-dir and --facts-only analyse the source files given: name "
           "them (FILE... -p BUILD, or FILE... -- FLAGS)";
  return std::nullopt;
}

namespace {

/// The arguments after `--`, or the compile commands of \p File in the
/// database clang-tidy would use.
std::vector<std::string> compileCommandOf(const CommandLine &Args, llvm::StringRef File) {
  std::vector<std::string> Command;
  if (Args.hasCompilerArguments()) {
    llvm::ArrayRef<const char *> Rest = Args.rest();
    const auto *DashDash =
        llvm::find_if(Rest, [](const char *A) { return llvm::StringRef(A) == "--"; });
    for (const auto *It = DashDash; It != Rest.end(); ++It)
      Command.push_back(*It);
    return Command;
  }
  std::string Error;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database =
      Args.option("p") ? clang::tooling::CompilationDatabase::autoDetectFromDirectory(
                             *Args.option("p"), Error)
                       : clang::tooling::CompilationDatabase::autoDetectFromSource(File, Error);
  if (!Database)
    return Command;
  for (const clang::tooling::CompileCommand &C :
       Database->getCompileCommands(utils::normalPath(File))) {
    Command.push_back(C.Directory);
    Command.insert(Command.end(), C.CommandLine.begin(), C.CommandLine.end());
  }
  return Command;
}

/// One translation unit of the program.
struct Unit {
  std::string File;
  std::string Key;
};

/// clang-tidy's arguments for one of the files, without `--export-fixes`.
class ChildArguments {
public:
  explicit ChildArguments(const CommandLine &Args) {
    std::vector<std::string> Files = Args.sourceFiles();
    bool Past = false;
    for (const char *Arg : Args.rest()) {
      llvm::StringRef A(Arg);
      Past |= A == "--";
      if (!Past && (llvm::is_contained(Files, A.str()) || A.starts_with("--export-fixes=") ||
                    A.starts_with("-export-fixes=")))
        continue;
      (Past ? After : Before).push_back(A.str());
    }
  }

  /// What tells two runs of a file apart, besides its compile command.
  const std::vector<std::string> &options() const { return Before; }

  std::vector<std::string> forFile(llvm::StringRef File, llvm::StringRef Export) const {
    std::vector<std::string> Argv{"asyncctx-tidy"};
    Argv.insert(Argv.end(), Before.begin(), Before.end());
    Argv.push_back(File.str());
    Argv.push_back(("--export-fixes=" + Export).str());
    Argv.insert(Argv.end(), After.begin(), After.end());
    return Argv;
  }

private:
  std::vector<std::string> Before, After;
};

std::string readFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

/// The child's side of a fork: clang-tidy on one file, its output into the
/// given files. Never returns.
[[noreturn]] void runInChild(const std::vector<std::string> &Argv, llvm::StringRef Out,
                             llvm::StringRef Err, llvm::StringRef Directory,
                             llvm::StringRef Key) {
  int OutFd = ::open(Out.str().c_str(), O_WRONLY | O_TRUNC);
  int ErrFd = ::open(Err.str().c_str(), O_WRONLY | O_TRUNC);
  if (OutFd < 0 || ErrFd < 0 || ::dup2(OutFd, STDOUT_FILENO) < 0 ||
      ::dup2(ErrFd, STDERR_FILENO) < 0)
    ::_exit(127);
  ::setenv(utils::FactsDirVariable.data(), Directory.str().c_str(), 1);
  ::setenv(utils::FactsKeyVariable.data(), Key.str().c_str(), 1);
  std::vector<const char *> Pointers;
  for (const std::string &Arg : Argv)
    Pointers.push_back(Arg.c_str());
  int Status = clang::tidy::clangTidyMain(int(Pointers.size()), Pointers.data());
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  ::_exit(Status);
}

class ProgramRun {
public:
  ProgramRun(const CommandLine &Args, std::string Directory, bool Summary)
      : Args(Args), Children(Args), Directory(std::move(Directory)), Summary(Summary) {
    for (const std::string &File : Args.sourceFiles())
      Units.push_back(
          {File, factsKey(File, compileCommandOf(Args, File), Children.options())});
  }

  /// The first phase: every file whose facts are not current is analysed
  /// (its report is kept, and printed by the second phase if it can stand).
  void makeFacts() {
    for (const Unit &U : Units) {
      if (factsCurrent(Directory, U.Key)) {
        ++FactsReused;
        continue;
      }
      analyse(U);
      ++FactsMade;
    }
  }

  /// The second phase: each file's findings with the facts of the others,
  /// from its report where that can stand, else from an analysis.
  void findings() {
    std::unique_ptr<utils::records::Program> Whole = loadProgram(Directory);
    for (const Unit &U : Units) {
      std::optional<Report> R;
      if (!Args.asksForFixes())
        R = reusableReport(Directory, U.Key, *Whole);
      if (R) {
        ++FindingsReused;
      } else {
        R = analyse(U);
        ++FindingsMade;
      }
      Reports.push_back(std::move(*R));
    }
  }

  /// Prints the reports in the order of the files, merges their exports
  /// into \p Export, says what was analysed; returns the status.
  int finish(llvm::StringRef Export) {
    std::string Merged;
    int Status = 0;
    for (const Report &R : Reports) {
      llvm::outs() << R.Stdout;
      llvm::outs().flush();
      llvm::errs() << R.Stderr;
      Merged += R.Export;
      Status = std::max(Status, R.Status);
    }
    std::error_code EC;
    llvm::raw_fd_ostream(Export, EC) << Merged;
    // What was analysed, for a run over several files (a single file's run,
    // as run-clang-tidy makes them, says nothing more than clang-tidy).
    if (Units.size() > 1 || Summary)
      llvm::errs() << "asyncctx-tidy: " << Units.size() << " file" << (Units.size() == 1 ? "" : "s")
                   << " of one program: facts made for " << FactsMade << " (" << FactsReused
                   << " current); findings made for " << FindingsMade << " (" << FindingsReused
                   << " reused)\n";
    return EC ? 1 : Status;
  }

private:
  Report analyse(const Unit &U);

  const CommandLine &Args;
  ChildArguments Children;
  std::string Directory;
  std::vector<Unit> Units;
  std::vector<Report> Reports;
  bool Summary;
  unsigned FactsMade = 0, FactsReused = 0, FindingsMade = 0, FindingsReused = 0;
};

Report ProgramRun::analyse(const Unit &U) {
  llvm::SmallString<128> Out, Err, Export;
  Report R;
  if (llvm::sys::fs::createTemporaryFile("asyncctx-unit", "out", Out) ||
      llvm::sys::fs::createTemporaryFile("asyncctx-unit", "err", Err) ||
      llvm::sys::fs::createTemporaryFile("asyncctx-unit", "yaml", Export)) {
    R.Stderr = "asyncctx-tidy: error: cannot create a temporary file\n";
    R.Status = 1;
    return R;
  }
  llvm::FileRemover RemoveOut(Out), RemoveErr(Err), RemoveExport(Export);
  std::vector<std::string> Argv = Children.forFile(U.File, Export);
  // The child inherits what is buffered here: flush it first.
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  pid_t Child = ::fork();
  if (Child == 0)
    runInChild(Argv, Out, Err, Directory, U.Key);
  int WaitStatus = 0;
  if (Child < 0 || ::waitpid(Child, &WaitStatus, 0) < 0) {
    R.Stderr = "asyncctx-tidy: error: cannot run clang-tidy on '" + U.File + "'\n";
    R.Status = 1;
    return R;
  }
  R.Stdout = readFile(Out);
  R.Stderr = readFile(Err);
  R.Export = readFile(Export);
  if (WIFEXITED(WaitStatus)) {
    R.Status = WEXITSTATUS(WaitStatus);
  } else {
    R.Status = 1;
    R.Stderr += "asyncctx-tidy: error: clang-tidy crashed on '" + U.File + "'\n";
    return R; // never kept: a crash is no report
  }
  if (std::optional<utils::ImportRecord> Used = utils::readImportRecord(Directory, U.Key)) {
    R.Imports = Used->Fingerprint;
    if (!Args.asksForFixes())
      writeReport(Directory, U.Key, R);
  }
  return R;
}

} // namespace

int runProgram(const CommandLine &Args, const ProgramRequest &Request, llvm::StringRef Export) {
  std::string Directory;
  llvm::SmallString<128> Temporary;
  if (Request.FactsDir) {
    Directory = utils::normalPath(*Request.FactsDir);
    if (std::error_code EC = llvm::sys::fs::create_directories(Directory)) {
      llvm::errs() << "asyncctx-tidy: error: cannot make the facts directory '" << Directory
                   << "': " << EC.message() << "\n";
      return 1;
    }
  } else {
    if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("asyncctx-facts", Temporary)) {
      llvm::errs() << "asyncctx-tidy: error: cannot make a facts directory: " << EC.message()
                   << "\n";
      return 1;
    }
    Directory = std::string(Temporary.str());
  }
  ProgramRun Run(Args, Directory, Request.CrossTu || Request.FactsOnly);
  if (Request.CrossTu || Request.FactsOnly)
    Run.makeFacts();
  if (!Request.FactsOnly)
    Run.findings();
  int Status = Run.finish(Export);
  if (!Temporary.empty())
    llvm::sys::fs::remove_directories(Temporary);
  return Status;
}

} // namespace asyncctx

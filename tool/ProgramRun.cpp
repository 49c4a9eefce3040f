//===--- ProgramRun.cpp - the files of a program analysed as one ----------===//

#include "ProgramRun.h"
#include "FactsCache.h"
#include "ProgramUnits.h"
#include "Spawner.h"

#include "utils/FactsDirectory.h"
#include "utils/ProgramFacts.h"

#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdio>
#include <deque>
#include <map>
#include <set>
#include <cstdlib>
#include <fcntl.h>
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
static cl::opt<unsigned> KeepParsed("keep-parsed", cl::desc(R"(
With --cross-tu: how many files are kept
parsed, each in a process of its own, from
their facts to their findings with all the
program's facts (a file not kept makes its
findings with the facts made so far, and is
parsed again if they were not enough).
Default: 0, none.
)"),
                                     cl::init(asyncctx::DefaultKeepParsed), cl::value_desc("N"));
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
  KeepParsed.addCategory(*ClangTidy);
}

llvm::ArrayRef<OwnOption> programOptions() {
  static const OwnOption Options[] = {
      {"cross-tu", /*IsFlag=*/true}, {"facts-only", /*IsFlag=*/true}, {"facts-dir"},
      {"keep-parsed"}};
  return Options;
}

ProgramRequest programRequest(const CommandLine &Args) {
  ProgramRequest Request;
  Request.CrossTu = Args.ownFlag("cross-tu");
  Request.FactsOnly = Args.ownFlag("facts-only");
  Request.FactsDir = Args.ownValue("facts-dir");
  if (std::optional<std::string> Keep = Args.ownValue("keep-parsed"))
    Request.KeepParsedValue = *Keep;
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
  if (Request.KeepParsedValue && !Request.keepParsed())
    return "--keep-parsed needs a number of files (0 or more)";
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

std::string readFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

void say(int FD, llvm::StringRef Line) {
  std::string Text = (Line + "\n").str();
  [[maybe_unused]] ssize_t Written = ::write(FD, Text.data(), Text.size());
}

/// Writes out what this process has buffered, before a fork would copy it.
void flushOutput() {
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
}

void closeIfOpen(int &FD) {
  if (FD >= 0)
    ::close(FD);
  FD = -1;
}

/// A clang-tidy process on one unit, and the files its output goes to.
struct Child {
  const Unit *U = nullptr;
  Spawned Process;
  /// The handshake's ends (utils::FactsHandshakeVariable), or -1 once closed.
  int ReadyFD = -1, GoFD = -1;
  /// What the unit said when its facts were written: its StrictMode.
  bool Strict = false;
  llvm::SmallString<128> Out, Err, Export;

  void removeFiles() const {
    for (llvm::StringRef Path : {Out.str(), Err.str(), Export.str()})
      if (!Path.empty())
        llvm::sys::fs::remove(Path);
  }
};

/// What a unit's process is given: the files its output goes to, the
/// facts directory, its key, then clang-tidy's arguments; and the ends of
/// its handshake.
enum UnitString { OutPath, ErrPath, DirectoryPath, KeyString, FirstArgument };

/// A unit's process (a Spawner::Body): clang-tidy on one file, its output
/// into the given files; returns clang-tidy's status.
int runUnit(const std::vector<std::string> &Strings, llvm::ArrayRef<int> Handshake) {
  if (Strings.size() <= FirstArgument || Handshake.size() != 2)
    return 127;
  int OutFd = ::open(Strings[OutPath].c_str(), O_WRONLY | O_TRUNC);
  int ErrFd = ::open(Strings[ErrPath].c_str(), O_WRONLY | O_TRUNC);
  if (OutFd < 0 || ErrFd < 0 || ::dup2(OutFd, STDOUT_FILENO) < 0 ||
      ::dup2(ErrFd, STDERR_FILENO) < 0)
    return 127;
  ::close(OutFd);
  ::close(ErrFd);
  ::setenv(utils::FactsDirVariable.data(), Strings[DirectoryPath].c_str(), 1);
  ::setenv(utils::FactsKeyVariable.data(), Strings[KeyString].c_str(), 1);
  ::setenv(utils::FactsHandshakeVariable.data(),
           (llvm::Twine(Handshake[0]) + ":" + llvm::Twine(Handshake[1])).str().c_str(), 1);
  std::vector<const char *> Pointers;
  for (size_t I = FirstArgument; I < Strings.size(); ++I)
    Pointers.push_back(Strings[I].c_str());
  int Status = clang::tidy::clangTidyMain(int(Pointers.size()), Pointers.data());
  flushOutput();
  return Status;
}

class ProgramRun {
public:
  ProgramRun(const CommandLine &Args, Spawner &Spawn, std::string Directory, bool Summary,
             unsigned KeepParsed)
      : Args(Args), Spawn(Spawn), Children(Args), Directory(Directory), Facts(std::move(Directory)),
        Summary(Summary), KeepParsed(KeepParsed) {
    for (const std::string &File : Args.sourceFiles())
      Units.push_back(
          {File, factsKey(File, compileCommandOf(Args, File), Children.options())});
  }

  /// The first phase: every file whose facts are not current is analysed,
  /// and goes on to its findings with the facts made so far once its own
  /// are written. With KeepParsed, up to that many wait, parsed, until the
  /// facts of all are made, and then make their findings with the
  /// program's facts, linked once here; the longest waiting goes on with
  /// the facts made so far when one more would wait.
  void makeFacts() {
    std::deque<Child> Waiting;
    for (const Unit &U : Units) {
      if (factsCurrent(Facts, U.Key)) {
        ++FactsReused;
        continue;
      }
      ++FactsMade;
      std::optional<Child> C = start(U);
      if (!C)
        continue; // the second phase says what failed
      if (!awaitReady(*C)) {
        // It ran to its end without waiting (no asyncctx check, errors
        // before the analysis): its report is its findings.
        keepFindings(*C, wait(*C));
        continue;
      }
      Waiting.push_back(std::move(*C));
      if (Waiting.size() > KeepParsed) {
        release(Waiting.front());
        Waiting.pop_front();
      }
    }
    if (Waiting.empty())
      return;
    const utils::records::Program &Whole = program();
    for (Child &C : Waiting)
      keepFindings(C, goOn(C, Whole));
  }

  /// The second phase: each file's findings with the facts of the others,
  /// from the first phase, or from its report where that can stand, else
  /// from an analysis.
  void findings() {
    for (const Unit &U : Units) {
      auto Made = Done.find(U.Key);
      if (Made != Done.end()) {
        Reports.push_back(std::move(Made->second));
        continue;
      }
      std::optional<Report> R;
      if (!Args.asksForFixes())
        R = reusableReport(Facts, U.Key, program());
      // Made by this run when the first phase let it go on early, whether
      // its report stands or it is made again here.
      if (R && !Released.count(U.Key))
        ++FindingsReused;
      else
        ++FindingsMade;
      if (!R)
        R = analyse(U);
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
                   << " reused); " << Parsed << " parsed\n";
    return EC ? 1 : Status;
  }

private:
  /// The directory's facts, linked: once the first phase is over.
  const utils::records::Program &program() {
    if (!Whole)
      Whole = std::make_unique<utils::records::Program>(Facts.files());
    return *Whole;
  }
  /// Writes \p C's import set from \p With where \p C reads it on `go`.
  void link(const Child &C, const utils::records::Program &With) {
    std::string Linked = utils::linkedPath(Directory, C.U->Key);
    if (const utils::records::FactsFile *Own = Facts.file(C.U->Key))
      utils::writeAtomically(Linked, utils::records::writeImports(
                                         utils::records::importsFor(*Own, With, C.Strict)));
    else
      llvm::sys::fs::remove(Linked);
  }

  std::optional<Child> start(const Unit &U);
  /// Keeps \p R, \p C's report, in the unit's place.
  void keepFindings(const Child &C, Report R) {
    Done[C.U->Key] = std::move(R);
    ++FindingsMade;
  }
  /// Hands \p C, waiting with its facts written, its imports from \p With
  /// and waits for its report.
  Report goOn(Child &C, const utils::records::Program &With) {
    link(C, With);
    say(C.GoFD, "go");
    Report R = wait(C);
    llvm::sys::fs::remove(utils::linkedPath(Directory, C.U->Key));
    return R;
  }
  /// Lets a unit go on before the facts of all are made, with the facts
  /// the directory has so far (linked here, where each file is read once,
  /// not in the unit); its report stands if the second phase finds it the
  /// same imports (else the file is parsed again).
  void release(Child &C) {
    Released.insert(C.U->Key);
    goOn(C, utils::records::Program(Facts.files()));
  }
  Report wait(Child &C);
  /// Analyses \p U with the facts the directory has once its own are
  /// made (linked here, where each file is read once, not in the unit).
  Report analyse(const Unit &U) {
    std::optional<Child> C = start(U);
    if (!C) {
      Report R;
      R.Stderr = "asyncctx-tidy: error: cannot run clang-tidy on '" + U.File + "'\n";
      R.Status = 1;
      return R;
    }
    if (!awaitReady(*C))
      return wait(*C);
    return goOn(*C, utils::records::Program(Facts.files()));
  }
  /// Waits until \p C's facts are written: whether it waits for its
  /// imports (else it ran to its end).
  bool awaitReady(Child &C) {
    std::string Said = utils::readHandshakeLine(C.ReadyFD);
    closeIfOpen(C.ReadyFD);
    C.Strict = Said == "ready strict";
    return llvm::StringRef(Said).starts_with("ready");
  }

  const CommandLine &Args;
  /// Where the units' processes are forked.
  Spawner &Spawn;
  ChildArguments Children;
  std::string Directory;
  /// The directory's facts, read once while they stay the same.
  utils::FactsDirectoryReader Facts;
  std::vector<Unit> Units;
  std::unique_ptr<utils::records::Program> Whole;
  /// The reports the first phase made, by key.
  std::map<std::string, Report> Done;
  /// The units the first phase let go on with the facts made so far.
  std::set<std::string> Released;
  std::vector<Report> Reports;
  bool Summary;
  unsigned KeepParsed;
  unsigned FactsMade = 0, FactsReused = 0, FindingsMade = 0, FindingsReused = 0;
  /// The files parsed (the processes run): once per file where the first
  /// phase keeps it parsed for the second.
  unsigned Parsed = 0;
};

std::optional<Child> ProgramRun::start(const Unit &U) {
  Child C;
  C.U = &U;
  if (llvm::sys::fs::createTemporaryFile("asyncctx-unit", "out", C.Out) ||
      llvm::sys::fs::createTemporaryFile("asyncctx-unit", "err", C.Err) ||
      llvm::sys::fs::createTemporaryFile("asyncctx-unit", "yaml", C.Export)) {
    C.removeFiles();
    return std::nullopt;
  }
  int Ready[2] = {-1, -1}, Go[2] = {-1, -1};
  if (::pipe(Ready) || ::pipe(Go)) {
    for (int &FD : {std::ref(Ready[0]), std::ref(Ready[1]), std::ref(Go[0]), std::ref(Go[1])})
      closeIfOpen(FD);
    C.removeFiles();
    return std::nullopt;
  }
  std::vector<std::string> Strings = {C.Out.str().str(), C.Err.str().str(), Directory, U.Key};
  for (std::string &Arg : Children.forFile(U.File, C.Export))
    Strings.push_back(std::move(Arg));
  flushOutput(); // for a process forked here, the spawner gone
  ++Parsed;
  std::optional<Spawned> Process = Spawn.start(Strings, {Ready[1], Go[0]});
  closeIfOpen(Ready[1]);
  closeIfOpen(Go[0]);
  C.ReadyFD = Ready[0];
  C.GoFD = Go[1];
  if (!Process) {
    closeIfOpen(C.ReadyFD);
    closeIfOpen(C.GoFD);
    C.removeFiles();
    return std::nullopt;
  }
  C.Process = *Process;
  return C;
}

Report ProgramRun::wait(Child &C) {
  Report R;
  closeIfOpen(C.GoFD);
  closeIfOpen(C.ReadyFD);
  std::optional<int> Status = Spawner::wait(C.Process);
  R.Stdout = readFile(C.Out);
  R.Stderr = readFile(C.Err);
  R.Export = readFile(C.Export);
  C.removeFiles();
  if (!Status) {
    R.Status = 1;
    R.Stderr += "asyncctx-tidy: error: clang-tidy crashed on '" + C.U->File + "'\n";
    return R; // never kept: a crash is no report
  }
  R.Status = *Status;
  if (std::optional<utils::ImportRecord> Used = utils::readImportRecord(Directory, C.U->Key)) {
    R.Imports = Used->Fingerprint;
    if (!Args.asksForFixes())
      writeReport(Directory, C.U->Key, R);
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
  // A unit told to go on after its reader has gone gets EPIPE, not a signal.
  ::signal(SIGPIPE, SIG_IGN);
  int Status;
  {
    // Forked while this process is small, before it reads any facts.
    flushOutput();
    Spawner Spawn(runUnit);
    ProgramRun Run(Args, Spawn, Directory, Request.CrossTu || Request.FactsOnly,
                   Request.FactsOnly ? 0 : Request.keepParsed().value_or(DefaultKeepParsed));
    if (Request.CrossTu || Request.FactsOnly)
      Run.makeFacts();
    if (!Request.FactsOnly)
      Run.findings();
    Status = Run.finish(Export);
  }
  if (!Temporary.empty())
    llvm::sys::fs::remove_directories(Temporary);
  return Status;
}

} // namespace asyncctx

//===--- ProgramRun.h - the files of a program analysed as one ------------===//
//
// `--cross-tu FILE...` analyses the files as one program, in two phases: the
// facts of every file first (its functions' summaries, checks/utils/
// SummaryRecords), then each file's findings with the facts of the others
// (utils/ProgramFacts). `--facts-dir=DIR` keeps the facts, and each file's
// report, in DIR (tool/FactsCache), so that a later run analyses only the
// files that changed and those whose imports from the others changed;
// without `--cross-tu` a run is one phase over what DIR holds (run it twice
// for the two phases, as CI shards do); `--facts-only` is the first phase
// alone (docs/cross-tu.md).
//
// Each file is analysed by clang-tidy in a process of its own, forked once
// the libraries are loaded, from a process forked at the start while this
// one is still small (tool/Spawner.h), with the facts directory and the
// file's key in its environment (ASYNCCTX_FACTS_DIR, ASYNCCTX_FACTS_KEY):
// what it prints and exports is kept per file, printed in the order of the
// files, and its exports merged for the reports asyncctx-tidy writes.
//
// Each file's process writes its facts and says so (the handshake,
// ASYNCCTX_FACTS_HANDSHAKE); this process links its imports, from the facts
// made so far, and the file goes on to its findings with the AST it has.
// Its report stands if, once the facts of all files are made, its imports
// are the same (the second phase checks); otherwise the file is parsed
// again. With --keep-parsed=N, up to N files wait, parsed, for the facts of
// all (linked here once), and the longest waiting goes on when one more
// would wait. This process reads each file's facts once
// (utils::FactsDirectoryReader).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_PROGRAMRUN_H
#define ASYNCCTX_TIDY_TOOL_PROGRAMRUN_H

#include "CommandLine.h"

#include <optional>
#include <string>

namespace asyncctx {

struct ProgramRequest {
  /// --cross-tu: both phases.
  bool CrossTu = false;
  /// --facts-only: the facts phase alone (it prints nothing).
  bool FactsOnly = false;
  /// --facts-dir: where the facts and reports are kept (else, for
  /// --cross-tu, a temporary directory).
  std::optional<std::string> FactsDir;

  /// --keep-parsed, as given.
  std::optional<std::string> KeepParsedValue;

  bool active() const { return CrossTu || FactsOnly || FactsDir; }
  /// --keep-parsed's number; nothing when not given or not a number.
  std::optional<unsigned> keepParsed() const {
    unsigned N;
    if (!KeepParsedValue || llvm::StringRef(*KeepParsedValue).getAsInteger(10, N))
      return std::nullopt;
    return N;
  }
};

/// How many files a program run keeps parsed between its phases, unless
/// told: none. A waiting process holds its AST (some hundreds of MiB) in
/// memory no other process can reuse, which cost more than parsing again
/// the few files whose imports grow once all facts are made
/// (docs/performance.md, "One program"; docs/cross-tu.md).
constexpr unsigned DefaultKeepParsed = 0;

/// The own options of program runs, for CommandLine::parse.
llvm::ArrayRef<OwnOption> programOptions();

/// Lists them with clang-tidy's options in `--help`.
void listProgramOptionsInHelp();

ProgramRequest programRequest(const CommandLine &Args);

/// What is wrong with the request as given; nothing when it can go ahead.
std::optional<std::string> programMisuse(const ProgramRequest &Request,
                                         const CommandLine &Args);

/// Analyses the source files of \p Args as one program; writes the merged
/// exports of every file to \p Export. Returns the status (the highest of
/// the files').
int runProgram(const CommandLine &Args, const ProgramRequest &Request, llvm::StringRef Export);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_PROGRAMRUN_H

//===--- ProgramUnits.h - the files of a program run, and their arguments -===//
//
// What a program run (ProgramRun) knows of each file before it analyses
// it: the compile command that goes into the file's facts key, and the
// arguments of the clang-tidy that analyses it alone.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_PROGRAMUNITS_H
#define ASYNCCTX_TIDY_TOOL_PROGRAMUNITS_H

#include "CommandLine.h"

#include <string>
#include <vector>

namespace asyncctx {

/// The arguments after `--`, or the compile commands of \p File in the
/// database clang-tidy would use (each command's directory first).
std::vector<std::string> compileCommandOf(const CommandLine &Args, llvm::StringRef File);

/// One translation unit of the program.
struct Unit {
  std::string File;
  std::string Key;
};

/// clang-tidy's arguments for one of the files, without `--export-fixes`.
class ChildArguments {
public:
  explicit ChildArguments(const CommandLine &Args);

  /// What tells two runs of a file apart, besides its compile command.
  const std::vector<std::string> &options() const { return Before; }

  /// The arguments that analyse \p File alone and export to \p Export.
  std::vector<std::string> forFile(llvm::StringRef File, llvm::StringRef Export) const;

private:
  std::vector<std::string> Before, After;
};

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_PROGRAMUNITS_H

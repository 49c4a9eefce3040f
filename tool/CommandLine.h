//===--- CommandLine.h - asyncctx-tidy's one argument parser --------------===//
//
// asyncctx-tidy hands its command line to clang-tidy's own main. Before
// that, it takes its own options out (clang-tidy must never see them) and
// asks about clang-tidy's (is `--fix` on, which `-p`, which source files).
// This class is the one place that reads the arguments: LLVM's `cl` parses
// them only later, inside clangTidyMain.
//
// Options are spelt as LLVM's command line takes them: one or two dashes,
// the value after `=` or in the next argument, a flag on as `--name` or
// `--name=true`. Everything after `--` is the compiler's and is left alone.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_COMMANDLINE_H
#define ASYNCCTX_TIDY_TOOL_COMMANDLINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/StringSaver.h"

#include <optional>
#include <string>
#include <vector>

namespace asyncctx {

/// An option asyncctx-tidy handles itself.
struct OwnOption {
  llvm::StringRef Name;
  /// A flag takes no value of its own (`--name`, `--name=false`).
  bool IsFlag = false;
};

class CommandLine {
public:
  CommandLine() : Saver(Alloc) {}
  CommandLine(const CommandLine &) = delete;
  CommandLine &operator=(const CommandLine &) = delete;

  /// Reads argv, expanding response files as clang-tidy would, and takes
  /// the options in \p Own out. False when a response file cannot be read.
  bool parse(int Argc, const char **Argv, llvm::ArrayRef<OwnOption> Own);

  /// The values an own option was given, in order (a flag's: "true" or
  /// what followed its `=`).
  llvm::ArrayRef<std::string> ownValues(llvm::StringRef Name) const;
  /// The last value an own option was given.
  std::optional<std::string> ownValue(llvm::StringRef Name) const;
  /// Whether an own flag is on (its last occurrence is not `=false`/`=0`).
  bool ownFlag(llvm::StringRef Name) const;

  /// The last value of one of clang-tidy's options.
  std::optional<std::string> option(llvm::StringRef Name) const;
  /// Whether one of clang-tidy's flags is on.
  bool flag(llvm::StringRef Name) const;
  /// The source files: the arguments before `--` that are neither options
  /// nor an option's value.
  std::vector<std::string> sourceFiles() const;
  /// Whether the compiler's arguments follow `--` (then no compile database
  /// is used).
  bool hasCompilerArguments() const;
  /// Whether the run only asks about the configuration or the tool, and
  /// analyses nothing.
  bool analysesNothing() const;
  /// Whether clang-tidy is asked to rewrite files (--fix, --fix-errors,
  /// --fix-notes, unless set to false).
  bool asksForFixes() const;
  /// The arguments left for clang-tidy, the program's name excluded.
  llvm::ArrayRef<const char *> rest() const {
    return llvm::ArrayRef<const char *>(Args).drop_front();
  }

  /// Adds an option for clang-tidy, before `--`.
  void add(const llvm::Twine &Option);
  /// Runs clang-tidy's main on what is left; returns its status.
  int runClangTidy();

private:
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver;
  llvm::SmallVector<const char *, 32> Args;
  llvm::StringMap<std::vector<std::string>> Own;
};

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_COMMANDLINE_H

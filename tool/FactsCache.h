//===--- FactsCache.h - a facts directory as asyncctx-tidy keeps it -------===//
//
// Per translation unit, in the facts directory (checks/utils/FactsDirectory):
//
//   <key>.facts.json    its facts, with the files it read (the checks write
//                       them when asyncctx-tidy gives them the key)
//   <key>.imports.json  the fingerprint of what its analysis took from the
//                       other files' facts (the checks write it)
//   <key>.report.json   what clang-tidy printed and exported for it, with
//                       that fingerprint (asyncctx-tidy writes it)
//
// The key is made of the file's path, its compile command, the `.clang-tidy`
// files that apply to it and this build's version: a file compiled twice
// with different flags has two. Facts are *current* while every file they
// were made from is as it was; a report is *reusable* while the facts are
// current and the program's facts give the file the same imports
// (utils/ProgramFacts::importsFor): its findings are then the same, and
// asyncctx-tidy prints the report instead of analysing the file again.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_FACTSCACHE_H
#define ASYNCCTX_TIDY_TOOL_FACTSCACHE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::asyncctx {
class FactsDirectoryReader;
namespace records {
class Program;
}
} // namespace clang::tidy::asyncctx

namespace asyncctx {

/// The key of \p File (as given) compiled with \p Command, for a run with
/// \p Options (clang-tidy's other arguments).
std::string factsKey(llvm::StringRef File, llvm::ArrayRef<std::string> Command,
                     llvm::ArrayRef<std::string> Options);

/// What clang-tidy printed and exported for one translation unit.
struct Report {
  /// The fingerprint of the imports the findings were made with.
  std::string Imports;
  std::string Stdout, Stderr;
  /// The YAML of `--export-fixes` (empty: no diagnostic).
  std::string Export;
  int Status = 0;
};

std::optional<Report> readReport(llvm::StringRef Directory, llvm::StringRef Key);
bool writeReport(llvm::StringRef Directory, llvm::StringRef Key, const Report &R);

/// Whether the facts of \p Key are there and every file they were made
/// from is as it was.
bool factsCurrent(clang::tidy::asyncctx::FactsDirectoryReader &Facts, llvm::StringRef Key);

/// The report of \p Key, if it can stand for an analysis now: its facts
/// (read by \p Facts) are current, and \p Whole (the directory's facts,
/// linked) gives the file the imports the report was made with.
std::optional<Report> reusableReport(clang::tidy::asyncctx::FactsDirectoryReader &Facts,
                                     llvm::StringRef Key,
                                     const clang::tidy::asyncctx::records::Program &Whole);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_FACTSCACHE_H

//===--- ProgramUnits.cpp - the files of a program run --------------------===//

#include "ProgramUnits.h"

#include "utils/FactsDirectory.h"

#include "clang/Tooling/CompilationDatabase.h"

namespace utils = clang::tidy::asyncctx;

namespace asyncctx {

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

ChildArguments::ChildArguments(const CommandLine &Args) {
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

std::vector<std::string> ChildArguments::forFile(llvm::StringRef File,
                                                 llvm::StringRef Export) const {
  std::vector<std::string> Argv{"asyncctx-tidy"};
  Argv.insert(Argv.end(), Before.begin(), Before.end());
  Argv.push_back(File.str());
  Argv.push_back(("--export-fixes=" + Export).str());
  Argv.insert(Argv.end(), After.begin(), After.end());
  return Argv;
}

} // namespace asyncctx

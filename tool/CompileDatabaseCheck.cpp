//===--- CompileDatabaseCheck.cpp - a database that would lint nothing ----===//

#include "CompileDatabaseCheck.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace asyncctx {

namespace {

/// The directory whose compile database clang-tidy would use for the
/// first file: the first one above it with a compile_commands.json or a
/// compile_flags.txt. Empty when there is none.
llvm::SmallString<256> directoryAbove(llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  llvm::sys::fs::make_absolute(Path);
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Json(Dir), Flags(Dir);
    llvm::sys::path::append(Json, "compile_commands.json");
    llvm::sys::path::append(Flags, "compile_flags.txt");
    if (llvm::sys::fs::exists(Json) || llvm::sys::fs::exists(Flags))
      return llvm::SmallString<256>(Dir);
  }
  return {};
}

/// The problem with a compile_commands.json that holds nothing at all (a
/// build that failed while writing it): LLVM reads it as no database.
std::optional<std::string> emptyDatabase(llvm::StringRef Directory) {
  llvm::SmallString<256> Json(Directory);
  llvm::sys::path::append(Json, "compile_commands.json");
  auto Text = llvm::MemoryBuffer::getFile(Json);
  if (!Text || !(*Text)->getBuffer().trim().empty())
    return std::nullopt;
  return "the compile database '" + Json.str().str() + "' is empty (" +
         std::to_string((*Text)->getBufferSize()) +
         " bytes), so nothing would be analysed; regenerate it (CMake: "
         "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)";
}

} // namespace

std::optional<std::string> compileDatabaseProblem(const CommandLine &Args) {
  if (Args.hasCompilerArguments() || Args.analysesNothing())
    return std::nullopt; // The flags after `--` are the database.

  std::string Error;
  llvm::SmallString<256> Directory;
  if (std::optional<std::string> BuildPath = Args.option("p")) {
    // LLVM also looks in the directory's parents, so a misspelt directory
    // inside a build tree finds that tree's database, with other flags.
    if (!llvm::sys::fs::is_directory(*BuildPath))
      return "-p names '" + *BuildPath +
             "', which is not a directory (-p names the build directory that holds "
             "compile_commands.json)";
    if (std::optional<std::string> Empty = emptyDatabase(*BuildPath))
      return Empty;
    if (!clang::tooling::CompilationDatabase::autoDetectFromDirectory(*BuildPath, Error))
      return "no compile database in '" + *BuildPath +
             "' (-p names the build directory that holds compile_commands.json): " +
             llvm::StringRef(Error).trim().str();
    Directory = *BuildPath;
  } else {
    // Found as clang-tidy finds it: in the first file's directory or above.
    std::vector<std::string> Files = Args.sourceFiles();
    if (Files.empty())
      return std::nullopt;
    Directory = directoryAbove(Files.front());
    if (!Directory.empty())
      if (std::optional<std::string> Empty = emptyDatabase(Directory))
        return Empty;
  }
  llvm::SmallString<256> Json(Directory);
  llvm::sys::path::append(Json, "compile_commands.json");
  if (Directory.empty() || !llvm::sys::fs::exists(Json))
    return std::nullopt;
  auto Database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      Json, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (Database && Database->getAllCompileCommands().empty())
    return "the compile database '" + Json.str().str() +
           "' lists no file, so nothing would be analysed; regenerate it (CMake: "
           "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)";
  return std::nullopt;
}

} // namespace asyncctx

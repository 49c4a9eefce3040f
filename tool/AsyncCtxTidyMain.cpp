//===--- AsyncCtxTidyMain.cpp - asyncctx-tidy -----------------------------===//
//
// asyncctx-tidy: clang-tidy's own command line, with every built-in module
// and the asyncctx module linked in, and what a team needs of it in CI:
//
// - `--export-sarif`. clang-tidy 19 writes its diagnostics only as text and
//   as the YAML of `--export-fixes`, so asyncctx-tidy always runs clang-tidy
//   with `--export-fixes` pointed at a temporary file and works from that
//   afterwards: the SARIF log, the user's own `--export-fixes` (a copy
//   without the fix-its of notes unless `--fix-notes`: clang-apply-
//   replacements would apply them), and a message when clang stopped at its
//   error limit. `--sarif-input=<yaml>` converts an existing export instead,
//   such as the merged one run-clang-tidy writes; `--sarif-category` names
//   the run's category (one per CI shard).
// - `--verify-config` also checks the values of the `asyncctx.*` options
//   (clang-tidy checks only their keys).
// - A compile database that lists nothing, or a `-p` directory without one,
//   is an error rather than a run without flags.
// - `--version` names asyncctx-tidy's version beside LLVM's.
//
//===----------------------------------------------------------------------===//

#include "ExportedFixes.h"
#include "SarifExport.h"
#include "utils/RoleConfig.h"

#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/WithColor.h"

#include <fcntl.h>
#include <unistd.h>

#include <optional>
#include <string>
#include <vector>

extern volatile int AsyncCtxTidyModuleAnchorSource;
[[maybe_unused]] static int AsyncCtxTidyModuleAnchorDestination =
    AsyncCtxTidyModuleAnchorSource;

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

namespace {

/// The arguments asyncctx-tidy handles itself, taken out of the command line
/// that goes on to clang-tidy.
struct SarifRequest {
  std::optional<std::string> Output;
  std::vector<std::string> Inputs;
  std::optional<std::string> Category;
  std::optional<std::string> UserExportFixes;
};

/// An option's text without its one or two leading dashes (LLVM's command
/// line takes both); nothing for an argument that is not an option.
std::optional<llvm::StringRef> optionText(llvm::StringRef Arg) {
  if (!Arg.consume_front("-"))
    return std::nullopt;
  Arg.consume_front("-");
  return Arg;
}

/// Matches `-name=value`, `--name=value`, `-name value` and `--name value`.
/// On a match, Value is set and Index moves past what was consumed.
bool takeOption(llvm::ArrayRef<const char *> Args, size_t &Index,
                llvm::StringRef Name, std::string &Value) {
  std::optional<llvm::StringRef> Option = optionText(Args[Index]);
  if (!Option)
    return false;
  llvm::StringRef Arg = *Option;
  if (!Arg.consume_front(Name))
    return false;
  if (Arg.consume_front("=")) {
    Value = Arg.str();
    ++Index;
    return true;
  }
  if (!Arg.empty() || Index + 1 >= Args.size())
    return false;
  Value = Args[Index + 1];
  Index += 2;
  return true;
}

/// The value of an option the command line gives (the last one), without
/// taking it out.
std::optional<std::string> findOption(llvm::ArrayRef<const char *> Args,
                                      llvm::StringRef Name) {
  std::optional<std::string> Found;
  for (size_t I = 1; I < Args.size();) {
    if (llvm::StringRef(Args[I]) == "--")
      break;
    std::string Value;
    if (takeOption(Args, I, Name, Value))
      Found = Value;
    else
      ++I;
  }
  return Found;
}

/// Whether a flag (`--name`, `--name=true`) is on.
bool hasFlag(llvm::ArrayRef<const char *> Args, llvm::StringRef Name) {
  bool On = false;
  for (llvm::StringRef Arg : Args.drop_front()) {
    if (Arg == "--")
      break;
    std::optional<llvm::StringRef> Option = optionText(Arg);
    if (!Option)
      continue;
    auto [Key, Value] = Option->split('=');
    if (Key == Name)
      On = !Value.equals_insensitive("false") && Value != "0";
  }
  return On;
}

/// The source files on the command line: its arguments before `--` that
/// are neither options nor an option's value. Which options take the next
/// argument as their value is the registered options' business; `-p`,
/// `--extra-arg` and `--extra-arg-before` are registered only when
/// clang-tidy parses the command line.
std::vector<std::string> sourceFiles(llvm::ArrayRef<const char *> Args) {
  std::vector<std::string> Files;
  auto &Registered = cl::getRegisteredOptions();
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "--")
      break;
    std::optional<llvm::StringRef> Option = optionText(Arg);
    if (!Option || Option->empty()) {
      Files.push_back(Arg.str());
      continue;
    }
    if (Option->contains('='))
      continue;
    bool TakesValue = *Option == "p" || *Option == "extra-arg" ||
                      *Option == "extra-arg-before";
    auto It = Registered.find(*Option);
    if (It != Registered.end())
      TakesValue = It->second->getValueExpectedFlag() == cl::ValueRequired;
    if (TakesValue)
      ++I;
  }
  return Files;
}

/// Whether the command line only asks about the configuration or the tool
/// (nothing is analysed, so no compile database is needed).
bool analysesNothing(llvm::ArrayRef<const char *> Args) {
  for (llvm::StringRef Name : {"list-checks", "dump-config", "explain-config",
                               "verify-config", "help", "help-hidden",
                               "help-list", "version"})
    if (hasFlag(Args, Name))
      return true;
  return false;
}

SarifRequest takeSarifArguments(llvm::SmallVectorImpl<const char *> &Args) {
  SarifRequest Request;
  llvm::SmallVector<const char *, 32> Rest;
  size_t I = 0;
  while (I < Args.size()) {
    if (I == 0 || llvm::StringRef(Args[I]) == "--") {
      // Past `--` are the compiler's arguments: left alone.
      size_t End = I == 0 ? 1 : Args.size();
      Rest.append(Args.begin() + I, Args.begin() + End);
      I = End;
      continue;
    }
    std::string Value;
    if (takeOption(Args, I, "export-sarif", Value))
      Request.Output = Value;
    else if (takeOption(Args, I, "sarif-input", Value))
      Request.Inputs.push_back(Value);
    else if (takeOption(Args, I, "sarif-category", Value))
      Request.Category = Value;
    else if (takeOption(Args, I, "export-fixes", Value))
      Request.UserExportFixes = Value;
    else
      Rest.push_back(Args[I++]);
  }
  Args.assign(Rest.begin(), Rest.end());
  return Request;
}

/// Whether the arguments ask clang-tidy to rewrite files (--fix,
/// --fix-errors, --fix-notes, unless set to false).
bool asksForFixes(llvm::ArrayRef<const char *> Args) {
  return hasFlag(Args, "fix") || hasFlag(Args, "fix-errors") || hasFlag(Args, "fix-notes");
}

int reportError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "asyncctx-tidy") << Message << "\n";
  return 1;
}

/// Writes the SARIF log of the documents where the request says; returns
/// the status. Paths are relative to the current directory.
int writeSarif(llvm::ArrayRef<clang::tooling::TranslationUnitDiagnostics> Documents,
               const SarifRequest &Request) {
  llvm::SmallString<256> Root;
  if (llvm::sys::fs::current_path(Root))
    Root.clear();
  if (llvm::Error E = asyncctx::writeSarifLog(
          asyncctx::buildSarifLog(Documents, Root, Request.Category.value_or("")),
          *Request.Output))
    return reportError("SARIF log: " + llvm::toString(std::move(E)));
  return 0;
}

/// Converts exported diagnostics into the SARIF log; returns the status.
int convert(const SarifRequest &Request) {
  std::vector<clang::tooling::TranslationUnitDiagnostics> All;
  for (const std::string &Input : Request.Inputs) {
    auto Documents = asyncctx::readExportedDocuments(Input);
    if (!Documents)
      return reportError(llvm::toString(Documents.takeError()));
    std::move(Documents->begin(), Documents->end(), std::back_inserter(All));
  }
  return writeSarif(All, Request);
}

/// Points a file descriptor at /dev/null while it lives (for a pass whose
/// messages a later one repeats, or whose verdict a later one gives).
class Silence {
public:
  explicit Silence(int Fd) : Fd(Fd) {
    llvm::outs().flush();
    Saved = ::dup(Fd);
    int Null = ::open("/dev/null", O_WRONLY);
    if (Saved >= 0 && Null >= 0)
      ::dup2(Null, Fd);
    if (Null >= 0)
      ::close(Null);
  }
  ~Silence() {
    llvm::outs().flush();
    if (Saved >= 0) {
      ::dup2(Saved, Fd);
      ::close(Saved);
    }
  }

private:
  int Fd;
  int Saved = -1;
};

/// The check of the compile database that clang-tidy would use, where
/// clang-tidy would carry on with no flags or with no file (a `-p` that names
/// no database, or a database that lists nothing): a team would believe its
/// code linted. Returns the status to exit with, or nothing to go on.
std::optional<int> checkCompileDatabase(llvm::ArrayRef<const char *> Args) {
  if (llvm::is_contained(llvm::map_range(Args, [](const char *A) {
                           return llvm::StringRef(A);
                         }),
                         "--") ||
      analysesNothing(Args))
    return std::nullopt; // The flags after `--` are the database.

  std::string Error;
  llvm::SmallString<256> Directory;
  if (std::optional<std::string> BuildPath = findOption(Args, "p")) {
    // LLVM also looks in the directory's parents, so a misspelt directory
    // inside a build tree finds that tree's database, with other flags.
    if (!llvm::sys::fs::is_directory(*BuildPath))
      return reportError("-p names '" + *BuildPath +
                         "', which is not a directory (-p names the build "
                         "directory that holds compile_commands.json)");
    if (!clang::tooling::CompilationDatabase::autoDetectFromDirectory(*BuildPath, Error))
      return reportError("no compile database in '" + *BuildPath +
                         "' (-p names the build directory that holds "
                         "compile_commands.json): " +
                         llvm::StringRef(Error).trim());
    Directory = *BuildPath;
  } else {
    // Found as clang-tidy finds it: in the first file's directory or above.
    std::vector<std::string> Files = sourceFiles(Args);
    if (Files.empty())
      return std::nullopt;
    llvm::SmallString<256> Path(Files.front());
    llvm::sys::fs::make_absolute(Path);
    for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
         Dir = llvm::sys::path::parent_path(Dir)) {
      llvm::SmallString<256> Json(Dir), Flags(Dir);
      llvm::sys::path::append(Json, "compile_commands.json");
      llvm::sys::path::append(Flags, "compile_flags.txt");
      if (llvm::sys::fs::exists(Json) || llvm::sys::fs::exists(Flags)) {
        Directory = Dir;
        break;
      }
    }
  }
  llvm::SmallString<256> Json(Directory);
  llvm::sys::path::append(Json, "compile_commands.json");
  if (Directory.empty() || !llvm::sys::fs::exists(Json))
    return std::nullopt;
  auto Database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      Json, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (Database && Database->getAllCompileCommands().empty())
    return reportError("the compile database '" + Json +
                       "' lists no file, so nothing would be analysed; "
                       "regenerate it (CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)");
  return std::nullopt;
}

/// `--verify-config` for the values clang-tidy does not check: those of the
/// `asyncctx.*` options (an unknown profile, a name that is not qualified).
/// The configuration is found as clang-tidy finds it (`--config`,
/// `--config-file`, or the `.clang-tidy` files above the first file or the
/// current directory); each source is checked on its own and named in the
/// message. Returns whether any value is invalid.
bool verifyAsyncCtxValues(llvm::ArrayRef<const char *> Args) {
  namespace tidy = clang::tidy;
  std::vector<std::string> Files = sourceFiles(Args);
  std::string FileName = Files.empty() ? "dummy" : Files.front();
  std::unique_ptr<tidy::ClangTidyOptionsProvider> Provider;
  auto FromText = [&](llvm::StringRef Text, llvm::StringRef Source) {
    llvm::ErrorOr<tidy::ClangTidyOptions> Parsed =
        tidy::parseConfiguration(llvm::MemoryBufferRef(Text, Source));
    if (Parsed) // clang-tidy reports a configuration that does not parse.
      Provider = std::make_unique<tidy::ConfigOptionsProvider>(
          tidy::ClangTidyGlobalOptions(), tidy::ClangTidyOptions(), std::move(*Parsed),
          tidy::ClangTidyOptions());
  };
  if (std::optional<std::string> File = findOption(Args, "config-file")) {
    if (auto Text = llvm::MemoryBuffer::getFile(*File))
      FromText((*Text)->getBuffer(), *File);
  } else if (std::optional<std::string> Config = findOption(Args, "config")) {
    FromText(*Config, "<command-line-config>");
  } else {
    Provider = std::make_unique<tidy::FileOptionsProvider>(
        tidy::ClangTidyGlobalOptions(), tidy::ClangTidyOptions(), tidy::ClangTidyOptions());
  }
  if (!Provider)
    return false;

  std::vector<tidy::ClangTidyOptionsProvider::OptionsSource> Sources;
  {
    // A .clang-tidy that does not parse is clang-tidy's to report.
    Silence Quiet(STDERR_FILENO);
    Sources = Provider->getRawOptions(FileName);
  }
  std::vector<llvm::StringRef> Keys = clang::tidy::asyncctx::RoleConfig::keys();
  bool AnyInvalid = false;
  for (const auto &[Options, Source] : Sources) {
    // The keys as every check reads them, and as one check reads them
    // (`asyncctx-enter-with.asyncctx.Profiles`).
    llvm::StringMap<tidy::ClangTidyOptions::OptionMap> ByPrefix;
    for (const auto &Entry : Options.CheckOptions)
      for (llvm::StringRef Key : Keys) {
        llvm::StringRef Name = Entry.getKey();
        if (Name.consume_back(Key) && (Name.empty() || Name.ends_with(".")))
          ByPrefix[Name][Key] = Entry.getValue();
      }
    for (const auto &Group : ByPrefix) {
      std::vector<std::string> Errors;
      clang::tidy::asyncctx::RoleConfig::get(Group.getValue(), Errors);
      for (const std::string &Error : Errors) {
        AnyInvalid = true;
        llvm::WithColor::error(llvm::errs(), Source)
            << "invalid asyncctx configuration: " << Group.getKey() << Error
            << " [-verify-config]\n";
      }
    }
  }
  return AnyInvalid;
}

/// Reads clang-tidy's export after the run: says when clang stopped at its
/// error limit, writes the user's own export without the fix-its of notes
/// (unless --fix-notes), and the SARIF log if asked for. Returns the status.
int afterRun(llvm::StringRef Export, const SarifRequest &Request, bool FixNotes) {
  auto Documents = asyncctx::readExportedDocuments(Export);
  if (!Documents)
    return reportError(llvm::toString(Documents.takeError()));
  int Status = 0;
  if (std::optional<asyncctx::ErrorLimitHit> Limit = asyncctx::findErrorLimit(*Documents)) {
    llvm::WithColor::error(llvm::errs(), "asyncctx-tidy")
        << "clang stopped at its error limit in '" << Limit->MainFile << "' after "
        << Limit->Errors << " errors: the findings after that point are missing; "
        << "fix the errors, or raise the limit with --extra-arg=-ferror-limit=0\n";
    Status = 1;
  }
  if (Request.UserExportFixes && !Documents->empty()) {
    std::vector<clang::tooling::TranslationUnitDiagnostics> Copy = *Documents;
    if (!FixNotes)
      asyncctx::dropNoteFixes(Copy);
    if (llvm::Error E = asyncctx::writeExportedDocuments(Copy, *Request.UserExportFixes))
      return reportError(llvm::toString(std::move(E)));
  }
  if (Request.Output)
    if (int SarifStatus = writeSarif(*Documents, Request))
      return SarifStatus;
  return Status;
}

/// Lists our options with clang-tidy's: `--help` shows only the options of
/// clang-tidy's category, which clangTidyMain keeps to itself, so take it
/// from one of its options.
void joinClangTidyCategory() {
  auto &Registered = cl::getRegisteredOptions();
  auto Checks = Registered.find("checks");
  if (Checks == Registered.end() || Checks->second->Categories.empty())
    return;
  cl::OptionCategory *ClangTidy = Checks->second->Categories.front();
  ExportSarif.addCategory(*ClangTidy);
  SarifInput.addCategory(*ClangTidy);
  SarifCategory.addCategory(*ClangTidy);
}

} // namespace

int main(int argc, const char **argv) {
  joinClangTidyCategory();
  // The version is CMake's project(VERSION), the one place it is kept.
  cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "asyncctx-tidy version " ASYNCCTX_TIDY_VERSION "\n";
  });

  // Expand response files first, as clang-tidy would, so that options given
  // in them are seen too.
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver(Alloc);
  llvm::SmallVector<const char *, 32> Args(argv, argv + argc);
  if (!cl::ExpandResponseFiles(Saver, cl::TokenizeGNUCommandLine, Args))
    return reportError("cannot expand the response files of the command line");

  SarifRequest Sarif = takeSarifArguments(Args);
  // Standard output carries clang-tidy's own report.
  if (Sarif.Output && (Sarif.Output->empty() || *Sarif.Output == "-"))
    return reportError("--export-sarif needs a file name (standard output "
                       "carries clang-tidy's report)");
  if (Sarif.Category && !Sarif.Output)
    return reportError("--sarif-category names the category of the log that "
                       "--export-sarif=<file> writes");
  if (Sarif.Category && (Sarif.Category->empty() ||
                         llvm::StringRef(*Sarif.Category).trim('/').empty()))
    return reportError("--sarif-category needs a name (for example "
                       "asyncctx-tidy/shard-1-of-4)");
  if (!Sarif.Inputs.empty()) {
    if (!Sarif.Output)
      return reportError("--sarif-input needs --export-sarif=<file> to write to");
    if (Args.size() > 1)
      return reportError(llvm::Twine("--sarif-input converts an export and "
                                     "analyses nothing; remove '") +
                         Args[1] + "'");
    return convert(Sarif);
  }

  // Our options go before `--`, where clang-tidy looks for its own.
  auto AddOption = [&](const llvm::Twine &Option) {
    auto DashDash = llvm::find_if(
        Args, [](const char *A) { return llvm::StringRef(A) == "--"; });
    Args.insert(DashDash, Saver.save(Option).data());
  };
  auto RunClangTidy = [&] {
    return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
  };

  if (hasFlag(Args, "verify-config")) {
    if (!verifyAsyncCtxValues(Args))
      return RunClangTidy();
    // clang-tidy still reports what it checks; its "No config errors
    // detected." would contradict ours.
    Silence Quiet(STDOUT_FILENO);
    RunClangTidy();
    return 1;
  }

  if (std::optional<int> Status = checkCompileDatabase(Args))
    return *Status;

  if (Sarif.Output) {
    // Find out now, not after a long analysis, that the log has nowhere to go.
    llvm::SmallString<256> Directory(*Sarif.Output);
    llvm::sys::fs::make_absolute(Directory);
    llvm::sys::path::remove_filename(Directory);
    if (std::error_code EC =
            llvm::sys::fs::access(Directory, llvm::sys::fs::AccessMode::Write))
      return reportError("SARIF log: cannot write '" + *Sarif.Output +
                         "': " + EC.message());

    // The log's lines and columns are read from the files after clang-tidy
    // ran; fixes applied in that run would move them.
    if (asksForFixes(Args))
      return reportError("--export-sarif describes the files as they are and "
                         "cannot be combined with --fix, --fix-errors or "
                         "--fix-notes; apply the fixes in a second run");
  }

  // clang-tidy writes the export only when there are diagnostics, so an
  // empty temporary file means none.
  llvm::SmallString<128> Export;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
          "asyncctx-tidy-export", "yaml", Export))
    return reportError("cannot create a temporary file: " + EC.message());
  llvm::FileRemover RemoveExport(Export);
  AddOption("--export-fixes=" + Export);

  int Status = RunClangTidy();
  if (int AfterStatus = afterRun(Export, Sarif, hasFlag(Args, "fix-notes")))
    return AfterStatus;
  return Status;
}

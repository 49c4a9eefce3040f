//===--- AsyncCtxTidyMain.cpp - asyncctx-tidy -----------------------------===//
//
// asyncctx-tidy: clang-tidy's own command line, with every built-in module
// and the asyncctx module linked in, and one addition: `--export-sarif`.
//
// clang-tidy 19 writes its diagnostics only as text and as the YAML of
// `--export-fixes`. For `--export-sarif=<file>`, asyncctx-tidy runs
// clang-tidy with `--export-fixes` pointed at a temporary file (or at the
// user's own, which it still gets) and turns that into SARIF afterwards.
// `--sarif-input=<yaml>` converts an existing export instead, such as the
// merged one run-clang-tidy writes, so a parallel whole-project run can
// end in one SARIF log.
//
//===----------------------------------------------------------------------===//

#include "SarifExport.h"

#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/WithColor.h"

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
fix-its as fixes. File paths under the current
directory are relative to its base id SRCROOT.
)"),
                                        cl::value_desc("filename"));
static cl::list<std::string> SarifInput("sarif-input", cl::desc(R"(
With --export-sarif: convert diagnostics that
clang-tidy or run-clang-tidy already exported with
--export-fixes, instead of analysing any file.
)"),
                                        cl::value_desc("filename"));

namespace {

/// The arguments asyncctx-tidy handles itself, taken out of the command line
/// that goes on to clang-tidy.
struct SarifRequest {
  std::optional<std::string> Output;
  std::vector<std::string> Inputs;
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
  for (llvm::StringRef Arg : Args.drop_front()) {
    if (Arg == "--")
      break;
    std::optional<llvm::StringRef> Option = optionText(Arg);
    if (!Option)
      continue;
    auto [Name, Value] = Option->split('=');
    if ((Name == "fix" || Name == "fix-errors" || Name == "fix-notes") &&
        !Value.equals_insensitive("false") && Value != "0")
      return true;
  }
  return false;
}

int reportError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "asyncctx-tidy") << Message << "\n";
  return 1;
}

/// Converts exported diagnostics into the SARIF log; returns the status.
int convert(llvm::ArrayRef<std::string> Inputs, llvm::StringRef Output) {
  std::vector<clang::tooling::Diagnostic> All;
  for (const std::string &Input : Inputs) {
    auto Diagnostics = asyncctx::readExportedDiagnostics(Input);
    if (!Diagnostics)
      return reportError(llvm::toString(Diagnostics.takeError()));
    std::move(Diagnostics->begin(), Diagnostics->end(), std::back_inserter(All));
  }
  llvm::SmallString<256> Root;
  if (llvm::sys::fs::current_path(Root))
    Root.clear();
  if (llvm::Error E =
          asyncctx::writeSarifLog(asyncctx::buildSarifLog(All, Root), Output))
    return reportError("SARIF log: " + llvm::toString(std::move(E)));
  return 0;
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
}

} // namespace

int main(int argc, const char **argv) {
  joinClangTidyCategory();

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
  if (!Sarif.Inputs.empty()) {
    if (!Sarif.Output)
      return reportError("--sarif-input needs --export-sarif=<file> to write to");
    if (Args.size() > 1)
      return reportError(llvm::Twine("--sarif-input converts an export and "
                                     "analyses nothing; remove '") +
                         Args[1] + "'");
    return convert(Sarif.Inputs, *Sarif.Output);
  }

  // Our options go before `--`, where clang-tidy looks for its own.
  auto AddOption = [&](const llvm::Twine &Option) {
    auto DashDash = llvm::find_if(
        Args, [](const char *A) { return llvm::StringRef(A) == "--"; });
    Args.insert(DashDash, Saver.save(Option).data());
  };

  // Without SARIF, clang-tidy gets back exactly what it was given.
  if (!Sarif.Output) {
    if (Sarif.UserExportFixes)
      AddOption("--export-fixes=" + *Sarif.UserExportFixes);
    return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
  }

  // Find out now, not after a long analysis, that the log has nowhere to go.
  {
    llvm::SmallString<256> Directory(*Sarif.Output);
    llvm::sys::fs::make_absolute(Directory);
    llvm::sys::path::remove_filename(Directory);
    if (std::error_code EC =
            llvm::sys::fs::access(Directory, llvm::sys::fs::AccessMode::Write))
      return reportError("SARIF log: cannot write '" + *Sarif.Output +
                         "': " + EC.message());
  }

  // The log's lines and columns are read from the files after clang-tidy
  // ran; fixes applied in that run would move them.
  if (asksForFixes(Args))
    return reportError("--export-sarif describes the files as they are and "
                       "cannot be combined with --fix, --fix-errors or "
                       "--fix-notes; apply the fixes in a second run");

  // clang-tidy writes the export only when there are diagnostics, so an
  // empty temporary file means none; the user's own export, if asked for,
  // gets a copy of it.
  llvm::SmallString<128> Export;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
          "asyncctx-tidy-export", "yaml", Export))
    return reportError("cannot create a temporary file: " + EC.message());
  llvm::FileRemover RemoveExport(Export);
  AddOption("--export-fixes=" + Export);

  int Status =
      clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());

  uint64_t Size = 0;
  if (Sarif.UserExportFixes && !llvm::sys::fs::file_size(Export, Size) &&
      Size > 0)
    if (std::error_code EC =
            llvm::sys::fs::copy_file(Export, *Sarif.UserExportFixes))
      return reportError("cannot write '" + *Sarif.UserExportFixes +
                         "': " + EC.message());
  if (int ConvertStatus = convert({std::string(Export)}, *Sarif.Output))
    return ConvertStatus;
  return Status;
}

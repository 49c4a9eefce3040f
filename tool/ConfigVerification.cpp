//===--- ConfigVerification.cpp - --verify-config of the asyncctx values --===//

#include "ConfigVerification.h"
#include "OutputMuting.h"
#include "utils/RoleConfig.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#include <unistd.h>

namespace tidy = clang::tidy;

namespace asyncctx {

namespace {

/// The provider of the configuration clang-tidy would read; nothing when
/// `--config` or `--config-file` does not parse (clang-tidy reports that).
std::unique_ptr<tidy::ClangTidyOptionsProvider> optionsProvider(const CommandLine &Args) {
  auto FromText =
      [](llvm::StringRef Text,
         llvm::StringRef Source) -> std::unique_ptr<tidy::ClangTidyOptionsProvider> {
    llvm::ErrorOr<tidy::ClangTidyOptions> Parsed =
        tidy::parseConfiguration(llvm::MemoryBufferRef(Text, Source));
    if (!Parsed)
      return nullptr;
    return std::make_unique<tidy::ConfigOptionsProvider>(
        tidy::ClangTidyGlobalOptions(), tidy::ClangTidyOptions(), std::move(*Parsed),
        tidy::ClangTidyOptions());
  };
  if (std::optional<std::string> File = Args.option("config-file")) {
    if (auto Text = llvm::MemoryBuffer::getFile(*File))
      return FromText((*Text)->getBuffer(), *File);
    return nullptr;
  }
  if (std::optional<std::string> Config = Args.option("config"))
    return FromText(*Config, "<command-line-config>");
  return std::make_unique<tidy::FileOptionsProvider>(
      tidy::ClangTidyGlobalOptions(), tidy::ClangTidyOptions(), tidy::ClangTidyOptions());
}

/// Reports the invalid values one source sets (unless \p Report is false);
/// returns whether there are any.
bool reportInvalidValues(const tidy::ClangTidyOptions &Options, llvm::StringRef Source,
                         bool Report = true) {
  std::vector<llvm::StringRef> Keys = tidy::asyncctx::RoleConfig::keys();
  // The keys as every check reads them, and as one check reads them
  // (`asyncctx-enter-with.asyncctx.Profiles`).
  llvm::StringMap<tidy::ClangTidyOptions::OptionMap> ByPrefix;
  for (const auto &Entry : Options.CheckOptions)
    for (llvm::StringRef Key : Keys) {
      llvm::StringRef Name = Entry.getKey();
      if (Name.consume_back(Key) && (Name.empty() || Name.ends_with(".")))
        ByPrefix[Name][Key] = Entry.getValue();
    }
  bool AnyInvalid = false;
  for (const auto &Group : ByPrefix) {
    std::vector<std::string> Errors;
    tidy::asyncctx::RoleConfig::get(Group.getValue(), Errors);
    AnyInvalid |= !Errors.empty();
    for (const std::string &Error : Errors) {
      if (!Report)
        break;
      llvm::WithColor::error(llvm::errs(), Source)
          << "invalid asyncctx configuration: " << Group.getKey() << Error
          << " [-verify-config]\n";
    }
  }
  return AnyInvalid;
}

/// Each source of the configuration that applies to the first file.
std::vector<tidy::ClangTidyOptionsProvider::OptionsSource>
configurationSources(const CommandLine &Args) {
  std::unique_ptr<tidy::ClangTidyOptionsProvider> Provider = optionsProvider(Args);
  if (!Provider)
    return {};
  std::vector<std::string> Files = Args.sourceFiles();
  // A .clang-tidy that does not parse is clang-tidy's to report.
  Silence Quiet(STDERR_FILENO);
  return Provider->getRawOptions(Files.empty() ? "dummy" : Files.front());
}

} // namespace

bool reportInvalidAsyncCtxValues(const CommandLine &Args) {
  bool AnyInvalid = false;
  for (const auto &[Options, Source] : configurationSources(Args))
    AnyInvalid |= reportInvalidValues(Options, Source);
  return AnyInvalid;
}

bool usesNoConfiguration(const CommandLine &Args) {
  if (Args.option("checks") || Args.option("config") || Args.option("config-file"))
    return false;
  // Any .clang-tidy above the file counts, one that does not parse too
  // (clang-tidy reports it, and it is the user's configuration all the same).
  std::vector<std::string> Files = Args.sourceFiles();
  llvm::SmallString<256> Path(Files.empty() ? "dummy" : Files.front());
  llvm::sys::fs::make_absolute(Path);
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Config(Dir);
    llvm::sys::path::append(Config, ".clang-tidy");
    if (llvm::sys::fs::exists(Config))
      return false;
  }
  return true;
}

bool hasAsyncCtxConfigurationErrors(const CommandLine &Args) {
  for (const auto &[Options, Source] : configurationSources(Args))
    if (reportInvalidValues(Options, Source, /*Report=*/false) ||
        !tidy::asyncctx::RoleConfig::unknownKeys(Options.CheckOptions).empty())
      return true;
  return false;
}

} // namespace asyncctx

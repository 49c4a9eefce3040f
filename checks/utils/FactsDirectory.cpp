//===--- FactsDirectory.cpp - asyncctx-tidy -------------------------------===//

#include "FactsDirectory.h"
#include "AnalysisContext.h"
#include "ImportedFacts.h"
#include "ProgramFacts.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <cerrno>
#include <unistd.h>

namespace clang::tidy::asyncctx {

namespace {

constexpr llvm::StringLiteral FactsSuffix = ".facts.json";
constexpr llvm::StringLiteral ImportsSuffix = ".imports.json";
constexpr llvm::StringLiteral LinkedSuffix = ".linked.json";

std::string keyedPath(llvm::StringRef Directory, llvm::StringRef Key, llvm::StringRef Suffix) {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key + Suffix);
  return std::string(Path.str());
}

std::optional<std::string> readText(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

std::string hashOf(llvm::StringRef Content) {
  return llvm::utohexstr(llvm::xxh3_64bits(Content), /*LowerCase=*/true);
}

/// This translation unit's own facts: an analysis that follows the calls
/// into other files as sites, and imports nothing.
records::FactsFile ownFacts(ASTContext &AST, const RoleConfig &Config) {
  AnalysisContext Context(AST, Config);
  ScopeAnalysisOptions Record;
  Record.StrictMode = true;
  Record.RecordSites = true;
  ScopeAnalysisResult Result = analyseScopes(Context, Record);
  return records::recordFacts(Result, AST, Context.Roles);
}

/// The handshake of a program run that keeps this unit parsed (see
/// FactsHandshakeVariable): says the unit's facts are written, waits, and
/// returns the import set linked for it. Nothing without a handshake, or
/// when the linked set does not read (then the unit links for itself).
/// Done once per process: a second analysis of the unit (another
/// configuration) links for itself.
std::optional<records::ImportSet> awaitLinkedImports(const FactsSettings &Settings) {
  std::optional<std::string> Handshake = llvm::sys::Process::GetEnv(FactsHandshakeVariable);
  if (!Handshake || Settings.Key.empty())
    return std::nullopt;
  ::unsetenv(FactsHandshakeVariable.data());
  auto [Ready, Go] = llvm::StringRef(*Handshake).split(':');
  int ReadyFD, GoFD;
  if (Ready.getAsInteger(10, ReadyFD) || Go.getAsInteger(10, GoFD))
    return std::nullopt;
  std::string Message = Settings.StrictMode ? "ready strict\n" : "ready plain\n";
  if (::write(ReadyFD, Message.data(), Message.size()) != ssize_t(Message.size()))
    return std::nullopt;
  ::close(ReadyFD);
  std::string Answer = readHandshakeLine(GoFD);
  ::close(GoFD);
  std::optional<std::string> Text =
      Answer == "go" ? readText(linkedPath(Settings.Directory, Settings.Key)) : std::nullopt;
  if (!Text)
    return std::nullopt;
  llvm::Expected<records::ImportSet> Set = records::readImports(*Text);
  if (!Set) {
    llvm::consumeError(Set.takeError());
    return std::nullopt;
  }
  return std::move(*Set);
}

/// What the unit \p Own imports from the program: linked by asyncctx-tidy
/// in a handshake, else from the directory's facts and \p Headers.
records::ImportSet linkImports(const records::FactsFile &Own, const FactsSettings &Settings,
                               std::shared_ptr<const records::FactsFile> Headers) {
  if (std::optional<records::ImportSet> Linked = awaitLinkedImports(Settings))
    return std::move(*Linked);
  std::vector<records::FactsFile> Files;
  if (!Settings.Directory.empty())
    Files = FactsDirectoryReader(Settings.Directory).files(Own.File);
  if (Headers)
    Files.push_back(*Headers);
  Files.push_back(Own);
  records::Program Whole(std::move(Files));
  return records::importsFor(Own, Whole, Settings.StrictMode);
}

} // namespace

FactsSettings factsSettings(const RoleConfig &Config, bool StrictMode) {
  FactsSettings Settings;
  Settings.StrictMode = StrictMode;
  if (std::optional<std::string> Directory = llvm::sys::Process::GetEnv(FactsDirVariable)) {
    Settings.Directory = *Directory;
    Settings.Key = llvm::sys::Process::GetEnv(FactsKeyVariable).value_or("");
  } else {
    Settings.Directory = Config.factsDirectory().str();
  }
  if (!Settings.Directory.empty())
    Settings.Directory = normalPath(Settings.Directory);
  return Settings;
}

std::string normalPath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute.str());
}

std::string factsPath(llvm::StringRef Directory, llvm::StringRef Key) {
  return keyedPath(Directory, Key, FactsSuffix);
}

std::string importsPath(llvm::StringRef Directory, llvm::StringRef Key) {
  return keyedPath(Directory, Key, ImportsSuffix);
}

std::string readHandshakeLine(int FD) {
  std::string Line;
  for (char C;;) {
    ssize_t Got = ::read(FD, &C, 1);
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got != 1 || C == '\n')
      return Line;
    Line += C;
  }
}

std::string linkedPath(llvm::StringRef Directory, llvm::StringRef Key) {
  return keyedPath(Directory, Key, LinkedSuffix);
}

const std::optional<records::FactsFile> &FactsDirectoryReader::at(const std::string &Path) {
  static const std::optional<records::FactsFile> None;
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status)) {
    ByPath.erase(Path);
    return None;
  }
  auto [It, New] = ByPath.try_emplace(Path);
  Read &R = It->second;
  if (!New && R.Identity == Status.getUniqueID() &&
      R.Modified == Status.getLastModificationTime() && R.Size == Status.getSize())
    return R.Facts;
  R = Read{Status.getUniqueID(), Status.getLastModificationTime(), Status.getSize(),
           std::nullopt};
  if (std::optional<std::string> Text = readText(Path)) {
    llvm::Expected<records::FactsFile> Facts = records::readFacts(*Text);
    if (Facts)
      R.Facts = std::move(*Facts);
    else
      llvm::consumeError(Facts.takeError());
  }
  return R.Facts;
}

const records::FactsFile *FactsDirectoryReader::file(llvm::StringRef Key) {
  const std::optional<records::FactsFile> &Facts = at(factsPath(Directory, Key));
  return Facts ? &*Facts : nullptr;
}

std::vector<records::FactsFile> FactsDirectoryReader::files(llvm::StringRef Except) {
  std::vector<std::string> Paths;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Directory, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(FactsSuffix))
      Paths.push_back(It->path());
  llvm::sort(Paths);
  std::vector<records::FactsFile> Files;
  for (const std::string &Path : Paths)
    if (const std::optional<records::FactsFile> &Facts = at(Path); Facts && Facts->File != Except)
      Files.push_back(*Facts);
  return Files;
}

std::optional<ImportRecord> readImportRecord(llvm::StringRef Directory, llvm::StringRef Key) {
  std::optional<std::string> Text = readText(importsPath(Directory, Key));
  if (!Text)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Root = llvm::json::parse(*Text);
  if (!Root) {
    llvm::consumeError(Root.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *O = Root->getAsObject();
  std::optional<llvm::StringRef> Fingerprint = O ? O->getString("imports") : std::nullopt;
  std::optional<bool> Strict = O ? O->getBoolean("strict") : std::nullopt;
  if (!Fingerprint || !Strict)
    return std::nullopt;
  return ImportRecord{Fingerprint->str(), *Strict};
}

std::vector<records::Input> inputsOf(const SourceManager &SM) {
  std::vector<records::Input> Inputs;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    FileEntryRef File = It->first;
    std::optional<llvm::MemoryBufferRef> Buffer = It->second->getBufferIfLoaded();
    if (!Buffer)
      continue;
    records::Input In;
    In.File = records::recordedPath(SM.getFileManager(), File.getName());
    In.Size = File.getSize();
    In.Modified = File.getModificationTime();
    In.Hash = hashOf(Buffer->getBuffer());
    Inputs.push_back(std::move(In));
  }
  llvm::sort(Inputs, [](const records::Input &A, const records::Input &B) {
    return A.File < B.File;
  });
  Inputs.erase(std::unique(Inputs.begin(), Inputs.end()), Inputs.end());
  return Inputs;
}

bool inputsUnchanged(llvm::ArrayRef<records::Input> Inputs) {
  for (const records::Input &In : Inputs) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(In.File, Status))
      return false;
    if (Status.getSize() == In.Size &&
        llvm::sys::toTimeT(Status.getLastModificationTime()) == In.Modified)
      continue;
    std::optional<std::string> Content = readText(In.File);
    if (!Content || hashOf(*Content) != In.Hash)
      return false;
  }
  return true;
}

bool writeAtomically(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::SmallString<256> Temporary;
  int FD;
  if (llvm::sys::fs::createUniqueFile(Path + ".%%%%%%.tmp", FD, Temporary))
    return false;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Temporary);
      return false;
    }
  }
  if (llvm::sys::fs::rename(Temporary, Path)) {
    llvm::sys::fs::remove(Temporary);
    return false;
  }
  return true;
}

std::unique_ptr<ImportedFacts> importFacts(ASTContext &AST, const RoleConfig &Config,
                                           const RoleLayer &Roles, const FactsSettings &Settings,
                                           std::shared_ptr<const records::FactsFile> Headers) {
  if (Settings.Directory.empty() && !Headers)
    return nullptr;
  records::FactsFile Own = ownFacts(AST, Config);
  if (!Settings.Key.empty()) {
    // The process ends after this file: it keeps the AST and the source
    // manager rather than free them, as clang's -disable-free does (in a
    // program run's process, freeing them was a third of what followed the
    // analysis). The front end's other parts are freed as ever.
    AST.Retain();
    AST.getSourceManager().Retain();
    Own.Inputs = inputsOf(AST.getSourceManager());
    writeAtomically(factsPath(Settings.Directory, Settings.Key), records::writeFacts(Own));
  }
  records::ImportSet Set = linkImports(Own, Settings, std::move(Headers));
  if (!Settings.Key.empty()) {
    llvm::json::Value Record = llvm::json::Object{
        {"imports", records::importsFingerprint(Set)}, {"strict", Settings.StrictMode}};
    std::string Text;
    llvm::raw_string_ostream(Text) << Record << "\n";
    writeAtomically(importsPath(Settings.Directory, Settings.Key), Text);
  }
  return std::make_unique<ImportedFacts>(std::move(Set), AST, Roles);
}

} // namespace clang::tidy::asyncctx

//===--- Findings.cpp - a run's diagnostics, placed and fingerprinted -----===//

#include "Findings.h"
#include "utils/Compat.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

using clang::tooling::Diagnostic;

namespace asyncctx {

namespace {

/// Each file's text, read once.
class FileTexts {
public:
  llvm::StringRef text(const std::string &File) {
    auto [It, Inserted] = Files.try_emplace(File);
    if (Inserted) {
      auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false);
      if (Buffer)
        It->second = std::move(*Buffer);
    }
    return It->second ? It->second->getBuffer() : llvm::StringRef();
  }

private:
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Files;
};

std::string relativeTo(llvm::StringRef Root, llvm::StringRef File) {
  llvm::StringRef P = File;
  if (!Root.empty() && P.consume_front(Root) && P.consume_front("/"))
    return P.str();
  return File.str();
}

/// The line that holds \p Offset, without its white space.
std::string normalisedLine(llvm::StringRef Text, unsigned Offset) {
  if (Offset > Text.size())
    return "";
  size_t Begin = Text.take_front(Offset).rfind('\n');
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  size_t End = Text.find('\n', Offset);
  std::string Line;
  for (char C : Text.slice(Begin, End))
    if (!llvm::isSpace(C))
      Line += C;
  return Line;
}

Place placeOf(FileTexts &Texts, llvm::StringRef Root, std::string File, unsigned Offset) {
  Place P;
  P.Path = relativeTo(Root, File);
  llvm::StringRef Before = Texts.text(File).take_front(Offset);
  P.Line = Before.count('\n') + 1;
  P.Column = Before.size() - (Before.rfind('\n') + 1) + 1;
  P.File = std::move(File);
  return P;
}

std::string hash(llvm::StringRef Text) {
  std::array<uint8_t, 32> Digest = llvm::SHA256::hash(
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(Text.data()), Text.size()));
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(16), /*LowerCase=*/true);
}

} // namespace

std::string absolutePath(const Diagnostic &D, llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  if (!llvm::sys::path::is_absolute(Path) && !D.BuildDirectory.empty())
    clang::tidy::asyncctx::compat::makeAbsolute(D.BuildDirectory, Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

std::string findingKey(const Diagnostic &D) {
  return (D.DiagnosticName + "\n" + D.Message.Message + "\n" +
          absolutePath(D, D.Message.FilePath) + "\n" + llvm::Twine(D.Message.FileOffset))
      .str();
}

llvm::Error writeJsonFile(const llvm::json::Value &Value, llvm::StringRef Path,
                          llvm::StringRef What) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (!EC) {
    OS << llvm::formatv("{0:2}", Value) << "\n";
    OS.close();
    EC = OS.error();
  }
  if (EC)
    return llvm::createStringError(EC, "%s: cannot write '%s': %s", What.str().c_str(),
                                   Path.str().c_str(), EC.message().c_str());
  return llvm::Error::success();
}

llvm::StringRef levelName(const Diagnostic &D) {
  return D.DiagLevel == Diagnostic::Error ? "error" : "warning";
}

std::vector<Finding>
collectFindings(llvm::ArrayRef<clang::tooling::TranslationUnitDiagnostics> Documents,
                llvm::StringRef Root) {
  llvm::SmallString<256> CleanRoot(Root);
  llvm::sys::path::remove_dots(CleanRoot, /*remove_dot_dot=*/true);
  llvm::StringRef RootDir = CleanRoot.str().rtrim('/');
  FileTexts Texts;
  llvm::StringSet<> Seen;
  std::vector<Finding> Findings;
  // What a fingerprint hashes, but for the occurrence index; and the offset.
  std::vector<std::pair<std::string, unsigned>> Identities;
  for (const auto &Document : Documents)
    for (const Diagnostic &D : Document.Diagnostics) {
      if (!Seen.insert(findingKey(D)).second)
        continue;
      Finding F;
      F.Diag = &D;
      std::string Identity = D.DiagnosticName;
      F.HasPlace = !D.Message.FilePath.empty();
      if (F.HasPlace) {
        F.Where = placeOf(Texts, RootDir, absolutePath(D, D.Message.FilePath),
                          D.Message.FileOffset);
        Identity += "\n" + F.Where.Path + "\n" +
                    normalisedLine(Texts.text(F.Where.File), D.Message.FileOffset);
      } else {
        // No place: the message and the file the run analysed.
        F.Where = placeOf(Texts, RootDir, absolutePath(D, Document.MainSourceFile), 0);
        Identity += "\n" + F.Where.Path + "\n" + D.Message.Message;
      }
      for (const clang::tooling::DiagnosticMessage &Note : D.Notes)
        if (!Note.FilePath.empty())
          F.Notes.emplace_back(
              placeOf(Texts, RootDir, absolutePath(D, Note.FilePath), Note.FileOffset),
              Note.Message);
      Identities.emplace_back(std::move(Identity), D.Message.FileOffset);
      Findings.push_back(std::move(F));
    }
  // The occurrence index: the finding's rank by position among those with
  // the same identity.
  std::vector<size_t> Order(Findings.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return std::tie(Identities[A], A) < std::tie(Identities[B], B);
  });
  for (size_t I = 0, Index = 0; I < Order.size(); ++I) {
    const std::string &Identity = Identities[Order[I]].first;
    Index = I > 0 && Identities[Order[I - 1]].first == Identity ? Index + 1 : 0;
    Findings[Order[I]].Fingerprint = hash(Identity + "\n" + llvm::Twine(Index).str());
  }
  return Findings;
}

} // namespace asyncctx

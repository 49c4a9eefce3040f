//===--- FactsCache.cpp - a facts directory as asyncctx-tidy keeps it -----===//

#include "FactsCache.h"

#include "utils/FactsDirectory.h"
#include "utils/ProgramFacts.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace records = clang::tidy::asyncctx::records;
namespace utils = clang::tidy::asyncctx;

namespace asyncctx {

namespace {

std::string reportPath(llvm::StringRef Directory, llvm::StringRef Key) {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key + ".report.json");
  return std::string(Path.str());
}

/// The `.clang-tidy` files that apply to \p File (in its directory and
/// above), as text.
std::string configurationsOf(llvm::StringRef File) {
  std::string Text;
  llvm::SmallString<256> Directory(utils::normalPath(File));
  llvm::sys::path::remove_filename(Directory);
  for (llvm::StringRef Dir = Directory; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Config(Dir);
    llvm::sys::path::append(Config, ".clang-tidy");
    if (auto Buffer = llvm::MemoryBuffer::getFile(Config)) {
      Text += Config.str();
      Text += '\0';
      Text += (*Buffer)->getBuffer();
      Text += '\0';
    }
  }
  return Text;
}

} // namespace

std::string factsKey(llvm::StringRef File, llvm::ArrayRef<std::string> Command,
                     llvm::ArrayRef<std::string> Options) {
  std::string Text = utils::normalPath(File);
  for (llvm::ArrayRef<std::string> Part : {Command, Options}) {
    Text += '\1';
    for (const std::string &Arg : Part) {
      Text += Arg;
      Text += '\0';
    }
  }
  Text += '\1';
  Text += configurationsOf(File);
  Text += "\1" ASYNCCTX_TIDY_VERSION;
  // Readable in a listing: the file's name, then the hash.
  return (llvm::sys::path::filename(File) + "-" +
          llvm::utohexstr(llvm::xxh3_64bits(Text), /*LowerCase=*/true))
      .str();
}

std::optional<Report> readReport(llvm::StringRef Directory, llvm::StringRef Key) {
  auto Buffer = llvm::MemoryBuffer::getFile(reportPath(Directory, Key));
  if (!Buffer)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Root = llvm::json::parse((*Buffer)->getBuffer());
  if (!Root) {
    llvm::consumeError(Root.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *O = Root->getAsObject();
  if (!O)
    return std::nullopt;
  Report R;
  auto Text = [&](llvm::StringRef Name, std::string &Out) {
    std::optional<llvm::StringRef> Value = O->getString(Name);
    if (Value)
      Out = Value->str();
    return bool(Value);
  };
  std::optional<int64_t> Status = O->getInteger("status");
  if (!Text("imports", R.Imports) || !Text("stdout", R.Stdout) || !Text("stderr", R.Stderr) ||
      !Text("export", R.Export) || !Status)
    return std::nullopt;
  R.Status = int(*Status);
  return R;
}

bool writeReport(llvm::StringRef Directory, llvm::StringRef Key, const Report &R) {
  llvm::json::Value Root = llvm::json::Object{{"imports", R.Imports},
                                              {"stdout", R.Stdout},
                                              {"stderr", R.Stderr},
                                              {"export", R.Export},
                                              {"status", R.Status}};
  std::string Text;
  llvm::raw_string_ostream(Text) << Root << "\n";
  return utils::writeAtomically(reportPath(Directory, Key), Text);
}

/// Whether \p Own is there and every file it was made from is as it was.
static bool current(const records::FactsFile *Own) {
  return Own && !Own->Inputs.empty() && utils::inputsUnchanged(Own->Inputs);
}

bool factsCurrent(utils::FactsDirectoryReader &Facts, llvm::StringRef Key) {
  return current(Facts.file(Key));
}

std::optional<Report> reusableReport(utils::FactsDirectoryReader &Facts, llvm::StringRef Key,
                                     const records::Program &Whole) {
  const records::FactsFile *Own = Facts.file(Key);
  if (!current(Own))
    return std::nullopt;
  llvm::StringRef Directory = Facts.directory();
  std::optional<utils::ImportRecord> Used = utils::readImportRecord(Directory, Key);
  std::optional<Report> R = readReport(Directory, Key);
  if (!Used || !R || R->Imports != Used->Fingerprint)
    return std::nullopt;
  records::ImportSet Now = records::importsFor(*Own, Whole, Used->StrictMode);
  if (records::importsFingerprint(Now) != Used->Fingerprint)
    return std::nullopt;
  return R;
}

} // namespace asyncctx

//===--- Baseline.cpp - findings recorded to be left alone ----------------===//

#include "Baseline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <tuple>

namespace asyncctx {

bool isBaselinable(const Finding &F) {
  llvm::StringRef Name = F.Diag->DiagnosticName;
  return Name != "clang-diagnostic-error" && Name != "clang-tidy-config";
}

llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "baseline: cannot read '%s': %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "baseline: '%s' is not JSON: %s", Path.str().c_str(),
                                   llvm::toString(Parsed.takeError()).c_str());
  const llvm::json::Object *Root = Parsed->getAsObject();
  const llvm::json::Array *Entries = Root ? Root->getArray("findings") : nullptr;
  if (!Entries || Root->getString("tool") != "asyncctx-tidy")
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "baseline: '%s' is not a baseline of asyncctx-tidy (write "
                                   "one with --write-baseline)",
                                   Path.str().c_str());
  llvm::StringSet<> Fingerprints;
  for (const llvm::json::Value &Entry : *Entries)
    if (const llvm::json::Object *Object = Entry.getAsObject())
      if (std::optional<llvm::StringRef> Fingerprint = Object->getString("fingerprint"))
        Fingerprints.insert(*Fingerprint);
  return Fingerprints;
}

llvm::Error writeBaseline(llvm::ArrayRef<Finding> Findings, llvm::StringRef Path) {
  std::vector<const Finding *> Recorded;
  for (const Finding &F : Findings)
    if (isBaselinable(F))
      Recorded.push_back(&F);
  std::sort(Recorded.begin(), Recorded.end(), [](const Finding *A, const Finding *B) {
    return std::tie(A->Where.Path, A->Where.Line, A->Where.Column, A->Fingerprint) <
           std::tie(B->Where.Path, B->Where.Line, B->Where.Column, B->Fingerprint);
  });
  llvm::json::Array Entries;
  for (const Finding *F : Recorded)
    Entries.push_back(llvm::json::Object{{"fingerprint", F->Fingerprint},
                                         {"check", F->Diag->DiagnosticName},
                                         {"path", F->Where.Path},
                                         {"line", F->Where.Line},
                                         {"message", F->Diag->Message.Message}});
  return writeJsonFile(llvm::json::Object{{"tool", "asyncctx-tidy"},
                                          {"version", 1},
                                          {"findings", std::move(Entries)}},
                       Path, "baseline");
}

} // namespace asyncctx

//===--- ExportedFixes.cpp - the YAML of clang-tidy's --export-fixes ------===//

#include "ExportedFixes.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

LLVM_YAML_IS_DOCUMENT_LIST_VECTOR(clang::tooling::TranslationUnitDiagnostics)

using clang::tooling::TranslationUnitDiagnostics;

namespace asyncctx {

llvm::Expected<std::vector<TranslationUnitDiagnostics>>
readExportedDocuments(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  std::vector<TranslationUnitDiagnostics> Documents;
  if ((*Buffer)->getBuffer().trim().empty())
    return Documents;
  llvm::yaml::Input In((*Buffer)->getBuffer());
  In >> Documents;
  if (In.error())
    return llvm::createStringError(
        In.error(), "'%s' is not a file of clang-tidy's exported diagnostics",
        Path.str().c_str());
  return Documents;
}

llvm::Error writeExportedDocuments(llvm::ArrayRef<TranslationUnitDiagnostics> Documents,
                                   llvm::StringRef Path) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (EC)
    return llvm::createStringError(EC, "cannot write '%s': %s", Path.str().c_str(),
                                   EC.message().c_str());
  llvm::yaml::Output YAML(OS);
  for (TranslationUnitDiagnostics Document : Documents)
    YAML << Document;
  OS.close();
  if (OS.has_error())
    return llvm::createStringError(OS.error(), "cannot write '%s': %s",
                                   Path.str().c_str(), OS.error().message().c_str());
  return llvm::Error::success();
}

unsigned dropNoteFixes(std::vector<TranslationUnitDiagnostics> &Documents) {
  unsigned Dropped = 0;
  for (TranslationUnitDiagnostics &Document : Documents)
    for (clang::tooling::Diagnostic &D : Document.Diagnostics)
      for (clang::tooling::DiagnosticMessage &Note : D.Notes)
        if (!Note.Fix.empty()) {
          Note.Fix.clear();
          ++Dropped;
        }
  return Dropped;
}

std::optional<ErrorLimitHit>
findErrorLimit(llvm::ArrayRef<TranslationUnitDiagnostics> Documents) {
  // clang's err_fatal_too_many_errors has no location; clang-tidy names it
  // after the compiler's errors.
  auto IsLimit = [](const clang::tooling::Diagnostic &D) {
    return D.DiagnosticName == "clang-diagnostic-error" &&
           D.Message.Message == "too many errors emitted, stopping now";
  };
  for (const TranslationUnitDiagnostics &Document : Documents)
    if (llvm::any_of(Document.Diagnostics, IsLimit))
      return ErrorLimitHit{
          Document.MainSourceFile,
          static_cast<unsigned>(llvm::count_if(Document.Diagnostics, [&](const auto &D) {
            return D.DiagLevel == clang::tooling::Diagnostic::Error && !IsLimit(D);
          }))};
  return std::nullopt;
}

} // namespace asyncctx

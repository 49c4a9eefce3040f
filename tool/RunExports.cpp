//===--- RunExports.cpp - what asyncctx-tidy writes after clang-tidy ran --===//

#include "RunExports.h"
#include "ExportedFixes.h"
#include "SarifExport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"

using clang::tooling::TranslationUnitDiagnostics;

namespace asyncctx {

namespace {

/// Writes the SARIF log of the documents where the request says; returns
/// the status. Paths are relative to the current directory.
int writeSarif(llvm::ArrayRef<TranslationUnitDiagnostics> Documents,
               const ExportRequest &Request) {
  llvm::SmallString<256> Root;
  if (llvm::sys::fs::current_path(Root))
    Root.clear();
  if (llvm::Error E = writeSarifLog(
          buildSarifLog(Documents, Root, Request.Category.value_or("")), *Request.Sarif))
    return reportError("SARIF log: " + llvm::toString(std::move(E)));
  return 0;
}

} // namespace

int reportError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "asyncctx-tidy") << Message << "\n";
  return 1;
}

int convertExports(const ExportRequest &Request) {
  std::vector<TranslationUnitDiagnostics> All;
  for (const std::string &Input : Request.Inputs) {
    auto Documents = readExportedDocuments(Input);
    if (!Documents)
      return reportError(llvm::toString(Documents.takeError()));
    std::move(Documents->begin(), Documents->end(), std::back_inserter(All));
  }
  return writeSarif(All, Request);
}

int writeRunExports(llvm::StringRef Export, const ExportRequest &Request, bool FixNotes) {
  auto Documents = readExportedDocuments(Export);
  if (!Documents)
    return reportError(llvm::toString(Documents.takeError()));
  int Status = 0;
  if (std::optional<ErrorLimitHit> Limit = findErrorLimit(*Documents)) {
    reportError("clang stopped at its error limit in '" + Limit->MainFile + "' after " +
                llvm::Twine(Limit->Errors) +
                " errors: the findings after that point are missing; fix the errors, or "
                "raise the limit with --extra-arg=-ferror-limit=0");
    Status = 1;
  }
  if (Request.UserExportFixes && !Documents->empty()) {
    std::vector<TranslationUnitDiagnostics> Copy = *Documents;
    if (!FixNotes)
      dropNoteFixes(Copy);
    if (llvm::Error E = writeExportedDocuments(Copy, *Request.UserExportFixes))
      return reportError(llvm::toString(std::move(E)));
  }
  if (Request.Sarif)
    if (int SarifStatus = writeSarif(*Documents, Request))
      return SarifStatus;
  return Status;
}

} // namespace asyncctx

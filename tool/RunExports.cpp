//===--- RunExports.cpp - what asyncctx-tidy writes after clang-tidy ran --===//

#include "RunExports.h"
#include "Baseline.h"
#include "CiReports.h"
#include "ExportedFixes.h"
#include "Findings.h"
#include "ReportFilter.h"
#include "SarifExport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"

using clang::tooling::Diagnostic;
using clang::tooling::TranslationUnitDiagnostics;

namespace asyncctx {

namespace {

std::string currentDirectory() {
  llvm::SmallString<256> Root;
  if (llvm::sys::fs::current_path(Root))
    Root.clear();
  return std::string(Root);
}

bool isError(const Finding *F) { return F->Diag->DiagLevel == Diagnostic::Error; }

/// A run's findings, and those a baseline leaves out.
struct Outcome {
  std::vector<TranslationUnitDiagnostics> All;
  std::vector<Finding> Findings;
  /// Left out of the reports (--baseline).
  std::vector<const Finding *> Dropped;
  llvm::StringSet<> DroppedKeys;
  /// Shown in the reports.
  std::vector<const Finding *> Kept;
};

/// Sorts the findings into kept and dropped; reports an unreadable baseline.
std::optional<int> sortFindings(Outcome &O, const ExportRequest &Request) {
  O.Findings = collectFindings(O.All, currentDirectory());
  llvm::StringSet<> Baseline;
  if (Request.Baseline) {
    llvm::Expected<llvm::StringSet<>> Read = readBaseline(*Request.Baseline);
    if (!Read)
      return reportError(llvm::toString(Read.takeError()));
    Baseline = std::move(*Read);
  }
  for (const Finding &F : O.Findings) {
    if (isBaselinable(F) && Baseline.contains(F.Fingerprint)) {
      O.Dropped.push_back(&F);
      O.DroppedKeys.insert(findingKey(*F.Diag));
    } else {
      O.Kept.push_back(&F);
    }
  }
  return std::nullopt;
}

/// The documents without the dropped diagnostics.
std::vector<TranslationUnitDiagnostics> keptDocuments(const Outcome &O) {
  std::vector<TranslationUnitDiagnostics> Kept = O.All;
  for (TranslationUnitDiagnostics &Document : Kept)
    llvm::erase_if(Document.Diagnostics, [&](const Diagnostic &D) {
      return O.DroppedKeys.contains(findingKey(D));
    });
  return Kept;
}

/// Writes every report the request asks for; returns the status.
int writeReports(const Outcome &O, const ExportRequest &Request, bool FixNotes) {
  std::vector<TranslationUnitDiagnostics> Documents = keptDocuments(O);
  std::vector<Finding> Kept;
  for (const Finding *F : O.Kept)
    Kept.push_back(*F);
  if (Request.UserExportFixes && !O.All.empty()) {
    std::vector<TranslationUnitDiagnostics> Copy = Documents;
    if (!FixNotes)
      dropNoteFixes(Copy);
    if (llvm::Error E = writeExportedDocuments(Copy, *Request.UserExportFixes))
      return reportError(llvm::toString(std::move(E)));
  }
  if (Request.Sarif)
    if (llvm::Error E = writeSarifLog(
            buildSarifLog(Documents, currentDirectory(), Request.Category.value_or("")),
            *Request.Sarif))
      return reportError(llvm::toString(std::move(E)));
  if (Request.CodeQuality)
    if (llvm::Error E = writeCodeQuality(Kept, *Request.CodeQuality))
      return reportError(llvm::toString(std::move(E)));
  if (Request.GithubAnnotations)
    printGithubAnnotations(Kept, llvm::outs());
  if (Request.WriteBaseline) {
    if (llvm::Error E = writeBaseline(O.Findings, *Request.WriteBaseline))
      return reportError(llvm::toString(std::move(E)));
    size_t Recorded = llvm::count_if(O.Findings, isBaselinable);
    llvm::errs() << "asyncctx-tidy: " << Recorded << " finding" << (Recorded == 1 ? "" : "s")
                 << " recorded in the baseline '" << *Request.WriteBaseline << "'\n";
  }
  return 0;
}

/// clang-tidy's messages as held, without a "Found compiler error(s)."
/// that only a configuration error caused.
void printMessages(llvm::StringRef Messages, const Outcome &O) {
  bool CompileErrors = llvm::any_of(O.Kept, [](const Finding *F) {
    return isError(F) && F->Diag->DiagnosticName != "clang-tidy-config";
  });
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Messages.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I)
    if (CompileErrors || Lines[I] != "Found compiler error(s).")
      llvm::errs() << Lines[I] << (I + 1 < Lines.size() ? "\n" : "");
}

/// The run's status once the baseline has left findings out: a failure
/// that only left-out findings caused is none.
int statusAfterBaseline(int Status, const Outcome &O, const ExportRequest &Request) {
  // A run that writes the baseline fails only on what it does not record.
  auto Recorded = [&](const Finding *F) {
    return Request.WriteBaseline && isBaselinable(*F);
  };
  if (Status == 0 ||
      llvm::any_of(O.Kept, [&](const Finding *F) { return isError(F) && !Recorded(F); }))
    return Status;
  bool Explained = llvm::any_of(O.Dropped, isError) ||
                   llvm::any_of(O.Kept, [&](const Finding *F) { return isError(F) && Recorded(F); });
  return Explained ? 0 : Status;
}

} // namespace

int reportError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "asyncctx-tidy") << Message << "\n";
  return 1;
}

int convertExports(const ExportRequest &Request) {
  Outcome O;
  for (const std::string &Input : Request.Inputs) {
    auto Documents = readExportedDocuments(Input);
    if (!Documents)
      return reportError(llvm::toString(Documents.takeError()));
    std::move(Documents->begin(), Documents->end(), std::back_inserter(O.All));
  }
  if (std::optional<int> Failed = sortFindings(O, Request))
    return *Failed;
  if (int Status = writeReports(O, Request, /*FixNotes=*/true))
    return Status;
  return Request.Baseline && llvm::any_of(O.Kept, isError) ? 1 : 0;
}

int finishRun(llvm::StringRef Export, const ExportRequest &Request, bool FixNotes,
              int Status, const HeldOutput &Held) {
  Outcome O;
  auto Documents = readExportedDocuments(Export);
  if (Documents)
    O.All = std::move(*Documents);
  std::optional<int> Failed =
      Documents ? sortFindings(O, Request) : reportError(llvm::toString(Documents.takeError()));
  if (Held.Report)
    llvm::outs() << dropFromReport(*Held.Report, O.Dropped);
  llvm::outs().flush();
  if (Held.Messages)
    printMessages(*Held.Messages, O);
  if (Failed)
    return *Failed;
  if (!O.Dropped.empty())
    llvm::errs() << "asyncctx-tidy: " << O.Dropped.size() << " finding"
                 << (O.Dropped.size() == 1 ? "" : "s") << " of the baseline '"
                 << *Request.Baseline << "' not shown\n";
  if (llvm::any_of(O.Kept, [](const Finding *F) {
        return F->Diag->DiagnosticName == "clang-tidy-config";
      }))
    reportError("the configuration has errors (above): the checks ran with the "
                "rest of it; asyncctx-tidy --verify-config checks it alone");
  if (std::optional<ErrorLimitHit> Limit = findErrorLimit(O.All)) {
    reportError("clang stopped at its error limit in '" + Limit->MainFile + "' after " +
                llvm::Twine(Limit->Errors) +
                " errors: the findings after that point are missing; fix the errors, or "
                "raise the limit with --extra-arg=-ferror-limit=0");
    Status = 1;
  }
  if (int ReportStatus = writeReports(O, Request, FixNotes))
    return ReportStatus;
  return statusAfterBaseline(Status, O, Request);
}

} // namespace asyncctx

//===--- CiReports.cpp - findings for CI without code scanning ------------===//

#include "CiReports.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace asyncctx {

namespace {

/// A workflow command's text, percent-encoded as GitHub decodes it: '%',
/// CR and LF in a message; ':' and ',' too in a property's value.
std::string escape(llvm::StringRef Text, bool Property) {
  std::string Out;
  for (char C : Text) {
    if (C == '%' || C == '\r' || C == '\n' || (Property && (C == ':' || C == ',')))
      Out += llvm::formatv("%{0:X-2}", static_cast<unsigned char>(C)).str();
    else
      Out += C;
  }
  return Out;
}

/// Code Quality's severities: a compile error or a warning made an error
/// is critical; a warning is major (the checks find bugs, not style).
llvm::StringRef severity(const Finding &F) {
  return levelName(*F.Diag) == "error" ? "critical" : "major";
}

} // namespace

void printGithubAnnotations(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS) {
  for (const Finding &F : Findings) {
    std::string Message = F.Diag->Message.Message;
    for (const auto &[Where, Text] : F.Notes)
      Message += llvm::formatv("\n{0}:{1}:{2}: note: {3}", Where.Path, Where.Line,
                               Where.Column, Text)
                     .str();
    OS << "::" << levelName(*F.Diag) << " file=" << escape(F.Where.Path, true)
       << ",line=" << F.Where.Line;
    if (F.HasPlace)
      OS << ",col=" << F.Where.Column;
    OS << ",title=" << escape(F.Diag->DiagnosticName, true) << "::" << escape(Message, false)
       << "\n";
  }
  OS.flush();
}

llvm::Error writeCodeQuality(llvm::ArrayRef<Finding> Findings, llvm::StringRef Path) {
  llvm::json::Array Issues;
  for (const Finding &F : Findings)
    Issues.push_back(llvm::json::Object{
        {"type", "issue"},
        {"check_name", F.Diag->DiagnosticName},
        {"description", F.Diag->Message.Message},
        {"categories", llvm::json::Array{"Bug Risk"}},
        {"fingerprint", F.Fingerprint},
        {"severity", severity(F)},
        {"location", llvm::json::Object{{"path", F.Where.Path},
                                        {"lines", llvm::json::Object{{"begin", F.Where.Line}}}}}});
  return writeJsonFile(std::move(Issues), Path, "Code Quality report");
}

} // namespace asyncctx

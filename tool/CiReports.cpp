//===--- CiReports.cpp - findings for CI without code scanning ------------===//

#include "CiReports.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace asyncctx {

namespace {

/// A workflow command's message: '%', CR and LF percent-encoded.
std::string escapeData(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else
      Out += C;
  }
  return Out;
}

/// A workflow command's property value: the message's escapes, and ':'
/// and ',' too.
std::string escapeProperty(llvm::StringRef Text) {
  std::string Out;
  for (char C : escapeData(Text)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
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
    OS << "::" << levelName(*F.Diag) << " file=" << escapeProperty(F.Where.Path)
       << ",line=" << F.Where.Line;
    if (F.HasPlace)
      OS << ",col=" << F.Where.Column;
    OS << ",title=" << escapeProperty(F.Diag->DiagnosticName) << "::" << escapeData(Message)
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
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (!EC) {
    OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Issues))) << "\n";
    OS.close();
    EC = OS.error();
  }
  if (EC)
    return llvm::createStringError(EC, "Code Quality report: cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  return llvm::Error::success();
}

} // namespace asyncctx

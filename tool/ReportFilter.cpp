//===--- ReportFilter.cpp - clang-tidy's text report, less some findings --===//

#include "ReportFilter.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

namespace asyncctx {

namespace {

/// What a diagnostic's first line says, as a key: the file's name (its
/// directory is as clang saw it, which an export does not say), line,
/// column, check and message.
std::string reportKey(llvm::StringRef File, llvm::StringRef Line, llvm::StringRef Column,
                      llvm::StringRef Check, llvm::StringRef Message) {
  return (llvm::sys::path::filename(File) + ":" + Line + ":" + Column + ":" + Check + ":" +
          Message)
      .str();
}

/// The line without its terminal colours.
std::string withoutColours(llvm::StringRef Line) {
  static const llvm::Regex Escape("\x1b\\[[0-9;]*m");
  std::string Plain = Line.str();
  while (Escape.match(Plain))
    Plain = Escape.sub("", Plain);
  return Plain;
}

} // namespace

std::string dropFromReport(llvm::StringRef Report, llvm::ArrayRef<const Finding *> Dropped) {
  llvm::StringSet<> Keys;
  for (const Finding *F : Dropped)
    Keys.insert(reportKey(F->Where.File, llvm::Twine(F->Where.Line).str(),
                          llvm::Twine(F->Where.Column).str(), F->Diag->DiagnosticName,
                          F->Diag->Message.Message));
  static const llvm::Regex Header(
      "^(.*):([0-9]+):([0-9]+): (warning|error): (.*) \\[([^],]+)(,[^]]*)?\\]$");
  std::string Out;
  bool Keep = true;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Report.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    std::string Plain = withoutColours(Lines[I]);
    if (Header.match(Plain, &Parts))
      Keep = !Keys.contains(reportKey(Parts[1], Parts[2], Parts[3], Parts[6], Parts[5]));
    if (Keep) {
      Out += Lines[I];
      if (I + 1 < Lines.size())
        Out += '\n';
    }
  }
  return Out;
}

} // namespace asyncctx

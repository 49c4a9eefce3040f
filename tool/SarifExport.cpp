//===--- SarifExport.cpp - SARIF 2.1.0 from clang-tidy's diagnostics -----===//

#include "SarifExport.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

#ifndef ASYNCCTX_TIDY_VERSION
#define ASYNCCTX_TIDY_VERSION "0"
#endif

LLVM_YAML_IS_DOCUMENT_LIST_VECTOR(clang::tooling::TranslationUnitDiagnostics)

using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;
using llvm::json::Array;
using llvm::json::Object;

namespace asyncctx {

llvm::Expected<std::vector<Diagnostic>>
readExportedDiagnostics(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  std::vector<Diagnostic> All;
  if ((*Buffer)->getBuffer().trim().empty())
    return All;
  std::vector<clang::tooling::TranslationUnitDiagnostics> Documents;
  llvm::yaml::Input In((*Buffer)->getBuffer());
  In >> Documents;
  if (In.error())
    return llvm::createStringError(
        In.error(), "'%s' is not a file of clang-tidy's exported diagnostics",
        Path.str().c_str());
  for (auto &Document : Documents)
    for (Diagnostic &D : Document.Diagnostics)
      All.push_back(std::move(D));
  return All;
}

namespace {

/// What code scanning shows for a rule: for our checks, the summary that
/// opens the check's page (and its header's comment) and the page; clang-tidy's
/// own checks link to clang-tidy's documentation.
struct RuleText {
  llvm::StringRef Id;
  llvm::StringRef Summary;
  llvm::StringRef Page;
};
constexpr RuleText AsyncCtxRules[] = {
    {"asyncctx-enter-with",
     "Finds calls that make a store's value current with no scope "
     "(`enter_with`), where the scoped `run` is the safe alternative.",
     "docs/checks/enter-with.md"},
    {"asyncctx-read-outside-run",
     "Finds reads of a context store where no scope of that store is active, "
     "within a function and across the functions of the translation unit.",
     "docs/checks/read-outside-run.md"},
    {"asyncctx-invocation-leak",
     "Finds values of a context store that can outlive their invocation: a "
     "value entered and not cleared on some path, a value read from a store "
     "and kept in static storage, a scope that never ends.",
     "docs/checks/invocation-leak.md"},
};

Object describeRule(llvm::StringRef Id) {
  Object Rule{{"id", Id}};
  for (const RuleText &Known : AsyncCtxRules)
    if (Known.Id == Id) {
      Rule["shortDescription"] = Object{{"text", Known.Summary}};
      Rule["help"] = Object{
          {"text", ("asyncctx-tidy documents this check in " + Known.Page).str()}};
      return Rule;
    }
  // Compiler diagnostics are named after their warning flag; clang-tidy's
  // checks are `<module>-<check>`, documented under
  // checks/<module>/<check>.html.
  llvm::StringRef Flag = Id;
  if (Flag.consume_front("clang-diagnostic-")) {
    Rule["shortDescription"] = Object{
        {"text", Flag == "error" ? std::string("a compile error")
                                 : ("the compiler's -W" + Flag + " warning").str()}};
  } else {
    auto [Module, Check] = Id.split('-');
    if (!Check.empty())
      Rule["helpUri"] = ("https://clang.llvm.org/extra/clang-tidy/checks/" +
                         Module + "/" + Check + ".html")
                            .str();
  }
  return Rule;
}

/// Turns byte offsets into SARIF's 1-based lines and columns, counting
/// columns in Unicode code points (the run's columnKind), with each file
/// read once.
class SourcePositions {
public:
  struct Position {
    unsigned Line;
    unsigned Column;
  };

  std::optional<Position> at(llvm::StringRef File, unsigned Offset) {
    llvm::StringRef Text;
    if (!contents(File, Text) || Offset > Text.size())
      return std::nullopt;
    llvm::StringRef Before = Text.take_front(Offset);
    size_t LineStart = Before.rfind('\n');
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    unsigned Column = 1;
    for (char C : Before.drop_front(LineStart))
      if ((static_cast<unsigned char>(C) & 0xC0) != 0x80)
        ++Column;
    return Position{static_cast<unsigned>(Before.count('\n')) + 1, Column};
  }

  /// Where the word at \p Offset ends: a diagnostic points at a name (a
  /// call, a variable) and its region covers that name; anything else
  /// gets one character.
  unsigned wordEnd(llvm::StringRef File, unsigned Offset) {
    llvm::StringRef Text;
    if (!contents(File, Text) || Offset >= Text.size())
      return Offset;
    size_t End = Offset;
    while (End < Text.size() && (llvm::isAlnum(Text[End]) || Text[End] == '_'))
      ++End;
    return End == Offset && Text[Offset] != '\n' ? Offset + 1 : End;
  }

private:
  bool contents(llvm::StringRef File, llvm::StringRef &Text) {
    auto It = Files.find(File);
    if (It == Files.end()) {
      auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false);
      It = Files.try_emplace(File, Buffer ? std::move(*Buffer) : nullptr).first;
    }
    if (!It->second)
      return false;
    Text = It->second->getBuffer();
    return true;
  }

  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Files;
};

/// A URI path: unreserved characters and '/' as they are, the rest
/// percent-encoded byte by byte.
std::string encodeUriPath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Out += C;
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    Out += llvm::hexdigit(C & 0xF, /*LowerCase=*/false);
  }
  return Out;
}

class LogBuilder {
public:
  explicit LogBuilder(llvm::StringRef SourceRoot) : Root(SourceRoot) {
    llvm::sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
  }

  void add(const Diagnostic &D) {
    const DiagnosticMessage &M = D.Message;
    std::string Key = (D.DiagnosticName + "\n" + M.Message + "\n" +
                       absolute(D, M.FilePath) + "\n" + llvm::Twine(M.FileOffset))
                          .str();
    if (!Seen.insert(Key).second)
      return;

    Object Result{{"ruleId", D.DiagnosticName},
                  {"ruleIndex", ruleIndex(D.DiagnosticName)},
                  {"level", level(D.DiagLevel)},
                  {"message", Object{{"text", M.Message}}}};
    if (!M.FilePath.empty())
      Result["locations"] = Array{Object{{"physicalLocation", place(D, M)}}};

    Array Related;
    for (const DiagnosticMessage &Note : D.Notes) {
      if (Note.FilePath.empty())
        continue;
      Related.push_back(Object{{"id", static_cast<int64_t>(Related.size())},
                               {"message", Object{{"text", Note.Message}}},
                               {"physicalLocation", place(D, Note)}});
    }
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);

    // The warning's own fix first, then those on its notes (what
    // --fix-notes would apply), each described by its message.
    Array Fixes;
    addFix(D, M, Fixes);
    for (const DiagnosticMessage &Note : D.Notes)
      addFix(D, Note, Fixes);
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    Results.push_back(std::move(Result));
  }

  llvm::json::Value finish() && {
    Object Driver{{"name", "asyncctx-tidy"},
                  {"version", ASYNCCTX_TIDY_VERSION},
                  {"rules", std::move(Rules)}};
    Object Run{{"tool", Object{{"driver", std::move(Driver)}}},
               {"columnKind", "unicodeCodePoints"},
               {"results", std::move(Results)}};
    if (!Root.empty())
      Run["originalUriBaseIds"] = Object{
          {"SRCROOT",
           Object{{"uri", "file://" + encodeUriPath(Root.str().rtrim('/')) + "/"}}}};
    return Object{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", Array{std::move(Run)}}};
  }

private:
  int64_t ruleIndex(llvm::StringRef Id) {
    auto [It, Inserted] = RuleIndices.try_emplace(Id, Rules.size());
    if (Inserted)
      Rules.push_back(describeRule(Id));
    return It->second;
  }

  static llvm::StringRef level(Diagnostic::Level L) {
    switch (L) {
    case Diagnostic::Error:
      return "error";
    case Diagnostic::Warning:
      return "warning";
    case Diagnostic::Remark:
      return "note";
    }
    return "warning";
  }

  /// The file's absolute path: relative paths in an export are relative to
  /// the build directory of their compile command.
  std::string absolute(const Diagnostic &D, llvm::StringRef File) {
    llvm::SmallString<256> Path(File);
    if (!llvm::sys::path::is_absolute(Path) && !D.BuildDirectory.empty())
      llvm::sys::fs::make_absolute(D.BuildDirectory, Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    return std::string(Path);
  }

  Object artifact(const std::string &Path) {
    llvm::StringRef P(Path);
    if (!Root.empty() && P.consume_front(Root) && P.consume_front("/"))
      return Object{{"uri", encodeUriPath(P)}, {"uriBaseId", "SRCROOT"}};
    return Object{{"uri", "file://" + encodeUriPath(Path)}};
  }

  Object region(const std::string &File, unsigned Begin, unsigned End) {
    Object R;
    auto Start = Positions.at(File, Begin);
    auto Stop = Positions.at(File, End);
    if (!Start || !Stop)
      return R;
    R["startLine"] = Start->Line;
    R["startColumn"] = Start->Column;
    R["endLine"] = Stop->Line;
    R["endColumn"] = Stop->Column;
    return R;
  }

  Object place(const Diagnostic &D, const DiagnosticMessage &M) {
    std::string File = absolute(D, M.FilePath);
    unsigned End = Positions.wordEnd(File, M.FileOffset);
    // The first highlighted range that starts at the caret gives the end.
    for (const auto &Range : M.Ranges)
      if (Range.FileOffset == M.FileOffset && Range.Length > 0 &&
          absolute(D, Range.FilePath) == File) {
        End = Range.FileOffset + Range.Length;
        break;
      }
    Object Location{{"artifactLocation", artifact(File)}};
    Object R = region(File, M.FileOffset, End);
    if (!R.empty())
      Location["region"] = std::move(R);
    return Location;
  }

  void addFix(const Diagnostic &D, const DiagnosticMessage &M, Array &Fixes) {
    Array Changes;
    for (const auto &FileFix : M.Fix) {
      std::string File = absolute(D, FileFix.first());
      Array Replacements;
      for (const clang::tooling::Replacement &R : FileFix.second) {
        Object Deleted = region(File, R.getOffset(), R.getOffset() + R.getLength());
        if (Deleted.empty())
          return; // A fix we cannot place is left out whole.
        Replacements.push_back(
            Object{{"deletedRegion", std::move(Deleted)},
                   {"insertedContent", Object{{"text", R.getReplacementText()}}}});
      }
      if (!Replacements.empty())
        Changes.push_back(Object{{"artifactLocation", artifact(File)},
                                 {"replacements", std::move(Replacements)}});
    }
    if (!Changes.empty())
      Fixes.push_back(Object{{"description", Object{{"text", M.Message}}},
                             {"artifactChanges", std::move(Changes)}});
  }

  llvm::SmallString<256> Root;
  SourcePositions Positions;
  llvm::StringSet<> Seen;
  llvm::StringMap<int64_t> RuleIndices;
  Array Rules;
  Array Results;
};

} // namespace

llvm::json::Value buildSarifLog(llvm::ArrayRef<Diagnostic> Diagnostics,
                                llvm::StringRef SourceRoot) {
  LogBuilder Builder(SourceRoot);
  for (const Diagnostic &D : Diagnostics)
    Builder.add(D);
  return std::move(Builder).finish();
}

llvm::Error writeSarifLog(const llvm::json::Value &Log, llvm::StringRef Path) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  OS << llvm::formatv("{0:2}", Log) << "\n";
  OS.close();
  if (OS.has_error())
    return llvm::createStringError(OS.error(), "cannot write '%s': %s",
                                   Path.str().c_str(),
                                   OS.error().message().c_str());
  return llvm::Error::success();
}

} // namespace asyncctx

//===--- SarifExport.cpp - SARIF 2.1.0 from clang-tidy's diagnostics -----===//

#include "SarifExport.h"
#include "Findings.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#ifndef ASYNCCTX_TIDY_VERSION
#error "CMakeLists.txt defines ASYNCCTX_TIDY_VERSION from project(VERSION)"
#endif
#if !defined(ASYNCCTX_DOCS_URL) || !defined(ASYNCCTX_INSTALLED_DOCS) ||                   \
    !defined(ASYNCCTX_SOURCE_DOCS)
#error "CMakeLists.txt defines ASYNCCTX_DOCS_URL, ASYNCCTX_INSTALLED_DOCS, ASYNCCTX_SOURCE_DOCS"
#endif

using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;
using llvm::json::Array;
using llvm::json::Object;

namespace asyncctx {

namespace {

/// What code scanning shows for a rule of ours: the summary that opens the
/// check's page (checks/Checks.def) as its short description, the summary
/// and what to do about a finding (Checks.def's help) as its full one, and
/// the page itself as its help; clang-tidy's own checks link to clang-tidy's
/// documentation.
struct RuleText {
  llvm::StringRef Name;
  llvm::StringRef Text;
};
constexpr RuleText Summaries[] = {
#define ASYNCCTX_CHECK(Class, Name, Summary) {Name, Summary},
#include "Checks.def"
};
constexpr RuleText Helps[] = {
#define ASYNCCTX_CHECK(Class, Name, Summary)
#define ASYNCCTX_CHECK_HELP(Name, Help) {Name, Help},
#include "Checks.def"
};
/// The checks' pages (docs/checks/<name>.md), which CMake puts here.
constexpr RuleText Pages[] = {
#include "CheckPages.inc"
};

llvm::StringRef textOf(llvm::ArrayRef<RuleText> Texts, llvm::StringRef Name) {
  for (const RuleText &T : Texts)
    if (T.Name == Name)
      return T.Text;
  return "";
}

/// A file's `file://` URI.
std::string fileUri(llvm::StringRef Path);

/// Where asyncctx-tidy's documentation is, as a URI that `README.md` and
/// `docs/checks/enter-with.md` follow: the address configured at build time
/// (ASYNCCTX_REPOSITORY_URL: the repository at the release's tag); else the
/// documentation installed beside the tool (`<prefix>/share/doc/asyncctx-tidy`,
/// where `cmake --install` and the Debian package put it); else, for a tool
/// run from its build tree, the source tree.
const std::string &docsBase() {
  static const std::string Base = [] {
    if (!llvm::StringRef(ASYNCCTX_DOCS_URL).empty())
      return std::string(ASYNCCTX_DOCS_URL);
    static int Anchor;
    llvm::SmallString<256> Installed(llvm::sys::path::parent_path(
        llvm::sys::fs::getMainExecutable(nullptr, &Anchor)));
    llvm::sys::path::append(Installed, ASYNCCTX_INSTALLED_DOCS);
    llvm::sys::path::remove_dots(Installed, /*remove_dot_dot=*/true);
    llvm::SmallString<256> Checks(Installed);
    llvm::sys::path::append(Checks, "docs", "checks");
    if (llvm::sys::fs::is_directory(Checks))
      return fileUri(Installed);
    return fileUri(ASYNCCTX_SOURCE_DOCS);
  }();
  return Base;
}

/// Where a rule is documented. Ours: the check's page (docsBase). clang-tidy's
/// checks: clang-tidy's page of the check; compiler diagnostics: clang's
/// reference of its warning flags.
std::string helpUri(llvm::StringRef Id) {
  llvm::StringRef Name = Id;
  if (Name.consume_front("asyncctx-") && !textOf(Summaries, Name).empty())
    return docsBase() + "/docs/checks/" + Name.str() + ".md";
  if (Id == "clang-tidy-config")
    return docsBase() + "/docs/profiles.md";
  llvm::StringRef Flag = Id;
  if (Flag.consume_front("clang-diagnostic-"))
    return Flag == "error" ? "https://clang.llvm.org/docs/DiagnosticsReference.html"
                           : ("https://clang.llvm.org/docs/DiagnosticsReference.html#w" +
                              Flag.lower());
  llvm::StringRef Module, Check;
  if (Id.starts_with("clang-analyzer-"))
    std::tie(Module, Check) = std::make_pair(Id.take_front(14), Id.drop_front(15));
  else
    std::tie(Module, Check) = Id.split('-');
  if (Check.empty())
    return "https://clang.llvm.org/extra/clang-tidy/checks/list.html";
  return ("https://clang.llvm.org/extra/clang-tidy/checks/" + Module + "/" + Check +
          ".html")
      .str();
}

Object describeRule(llvm::StringRef Id) {
  std::string Uri = helpUri(Id);
  Object Rule{{"id", Id}, {"helpUri", Uri}};
  llvm::StringRef Name = Id;
  if (Name.consume_front("asyncctx-") && !textOf(Summaries, Name).empty()) {
    llvm::StringRef Summary = textOf(Summaries, Name), Help = textOf(Helps, Name);
    Rule["shortDescription"] = Object{{"text", Summary}};
    Rule["fullDescription"] = Object{{"text", (Summary + " " + Help).str()}};
    Rule["help"] = Object{{"text", (Help + " Documentation: " + Uri).str()},
                          {"markdown", textOf(Pages, Name)}};
    return Rule;
  }
  // Code scanning wants every rule described and helped (GitHub's rule
  // GH2012 of the SARIF Multitool): the same words serve for both.
  llvm::StringRef Flag = Id;
  std::string Text;
  if (Id == "clang-tidy-config")
    Text = "an invalid clang-tidy configuration value";
  else if (Flag.consume_front("clang-diagnostic-"))
    Text = Flag == "error" ? std::string("a compile error")
                           : ("the compiler's -W" + Flag + " warning").str();
  else
    Text = ("clang-tidy's check " + Id + "; see " + Uri).str();
  Rule["shortDescription"] = Object{{"text", Text}};
  Rule["fullDescription"] = Object{{"text", Text}};
  Rule["help"] = Object{{"text", Text + ". Documentation: " + Uri}};
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

std::string fileUri(llvm::StringRef Path) { return "file://" + encodeUriPath(Path); }

class LogBuilder {
public:
  LogBuilder(llvm::StringRef SourceRoot, llvm::StringMap<std::string> Fingerprints)
      : Root(SourceRoot), Fingerprints(std::move(Fingerprints)) {
    llvm::sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
  }

  /// Adds one diagnostic of the run whose main file is \p MainFile.
  void add(const Diagnostic &D, llvm::StringRef MainFile) {
    const DiagnosticMessage &M = D.Message;
    std::string Key = findingKey(D);
    if (!Seen.insert(Key).second)
      return;

    // The fingerprint lets code scanning follow the result across commits
    // (and is the one a baseline records).
    Object Result{{"ruleId", D.DiagnosticName},
                  {"ruleIndex", ruleIndex(D.DiagnosticName)},
                  {"level", level(D.DiagLevel)},
                  {"message", Object{{"text", M.Message}}},
                  {"partialFingerprints", Object{{"asyncctxFingerprint/v1", Fingerprints[Key]}}}};
    // Code scanning rejects a log with a result that has no location. A
    // diagnostic about no place in the code (an invalid configuration value)
    // is put on the first line of the file the run analysed.
    std::optional<Object> Where;
    if (!M.FilePath.empty())
      Where = place(D, M);
    else if (!MainFile.empty())
      Where = firstLine(absolutePath(D, MainFile));
    if (Where)
      Result["locations"] = Array{Object{{"physicalLocation", Object(*Where)}}};

    // The notes twice: as related locations, which code scanning lists under
    // the result, and as one thread of a code flow (the warning, then its
    // notes in order), which it shows as a path through the code: from where
    // the scope ended or never began to the read, from the enter_with to the
    // exits it outlives.
    Array Related;
    Array Flow;
    if (Where)
      Flow.push_back(Object{{"location", Object{{"physicalLocation", Object(*Where)},
                                                {"message", Object{{"text", M.Message}}}}}});
    for (const DiagnosticMessage &Note : D.Notes) {
      if (Note.FilePath.empty())
        continue;
      Object NotePlace = place(D, Note);
      Related.push_back(Object{{"id", static_cast<int64_t>(Related.size())},
                               {"message", Object{{"text", Note.Message}}},
                               {"physicalLocation", Object(NotePlace)}});
      Flow.push_back(Object{{"location", Object{{"physicalLocation", std::move(NotePlace)},
                                                {"message", Object{{"text", Note.Message}}}}}});
    }
    if (!Related.empty()) {
      Result["relatedLocations"] = std::move(Related);
      Result["codeFlows"] = Array{Object{
          {"threadFlows", Array{Object{{"locations", std::move(Flow)}}}}}};
    }

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

  llvm::json::Value finish(llvm::StringRef Category) && {
    Object Driver{{"name", "asyncctx-tidy"},
                  {"version", ASYNCCTX_TIDY_VERSION},
                  {"informationUri", docsBase() + "/README.md"},
                  {"rules", std::move(Rules)}};
    Object Run{{"tool", Object{{"driver", std::move(Driver)}}},
               {"columnKind", "unicodeCodePoints"},
               {"results", std::move(Results)}};
    // The run's `automationDetails` (a runAutomationDetails object; the
    // schema allows no other name, and upload-sarif rejects a log that uses
    // one). Code scanning takes an id's part before its last slash as the
    // category; with the slash at the end, all of it is.
    if (!Category.empty())
      Run["automationDetails"] =
          Object{{"id", Category.ends_with("/") ? Category.str() : Category.str() + "/"}};
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

  /// The first line of \p File, whole.
  Object firstLine(const std::string &File) {
    Object Location{{"artifactLocation", artifact(File)}};
    Location["region"] = Object{{"startLine", 1}};
    return Location;
  }

  Object place(const Diagnostic &D, const DiagnosticMessage &M) {
    std::string File = absolutePath(D, M.FilePath);
    unsigned End = Positions.wordEnd(File, M.FileOffset);
    // The first highlighted range that starts at the caret gives the end.
    for (const auto &Range : M.Ranges)
      if (Range.FileOffset == M.FileOffset && Range.Length > 0 &&
          absolutePath(D, Range.FilePath) == File) {
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
      std::string File = absolutePath(D, FileFix.first());
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
  llvm::StringMap<std::string> Fingerprints;
  SourcePositions Positions;
  llvm::StringSet<> Seen;
  llvm::StringMap<int64_t> RuleIndices;
  Array Rules;
  Array Results;
};

} // namespace

llvm::json::Value
buildSarifLog(llvm::ArrayRef<clang::tooling::TranslationUnitDiagnostics> Documents,
              llvm::StringRef SourceRoot, llvm::StringRef Category) {
  llvm::StringMap<std::string> Fingerprints;
  for (const Finding &F : collectFindings(Documents, SourceRoot))
    Fingerprints[findingKey(*F.Diag)] = F.Fingerprint;
  LogBuilder Builder(SourceRoot, std::move(Fingerprints));
  for (const auto &Document : Documents)
    for (const Diagnostic &D : Document.Diagnostics)
      Builder.add(D, Document.MainSourceFile);
  return std::move(Builder).finish(Category);
}

llvm::Error writeSarifLog(const llvm::json::Value &Log, llvm::StringRef Path) {
  return writeJsonFile(Log, Path, "SARIF log");
}

} // namespace asyncctx

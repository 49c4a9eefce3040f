//===--- HeaderFacts.cpp - asyncctx-tidy ----------------------------------===//

#include "HeaderFacts.h"
#include "Compat.h"
#include "AnalysisContext.h"
#include "FactsDirectory.h"
#include "RoleConfig.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/PrecompiledPreamble.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::asyncctx {

namespace {

/// Finds a call of a function whose body was skipped.
class SkippedBodies : public RecursiveASTVisitor<SkippedBodies> {
public:
  bool Found = false;
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (const FunctionDecl *Definition = Callee->getDefinition();
          Definition && Definition->hasSkippedBody())
        Found = true;
    return !Found;
  }
};

/// Makes the facts of the translation unit it is given.
class RecordFacts : public ASTConsumer {
public:
  RecordFacts(const RoleConfig &Config, records::FactsFile &Out) : Config(Config), Out(Out) {}
  void HandleTranslationUnit(ASTContext &AST) override {
    AnalysisContext Context(AST, Config);
    ScopeAnalysisOptions Record;
    Record.StrictMode = true;
    Record.RecordSites = true;
    Out = records::recordFacts(analyseScopes(Context, Record), AST, Context.Roles);
    // The headers it read, to tell when they change (the main file's
    // preamble region is the cache's key).
    SourceManager &SM = AST.getSourceManager();
    OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
    std::string MainPath =
        Main ? records::recordedPath(SM.getFileManager(), Main->getName()) : std::string();
    Out.Inputs = inputsOf(SM);
    llvm::erase_if(Out.Inputs, [&](const records::Input &In) { return In.File == MainPath; });
  }

private:
  const RoleConfig &Config;
  records::FactsFile &Out;
};

class RecordFactsAction : public ASTFrontendAction {
public:
  RecordFactsAction(const RoleConfig &Config, records::FactsFile &Out)
      : Config(Config), Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, StringRef) override {
    return std::make_unique<RecordFacts>(Config, Out);
  }

private:
  const RoleConfig &Config;
  records::FactsFile &Out;
};

/// The invocation that parses \p Text as the main file \p Path, as the
/// translation unit of \p AST was parsed, but with every function body.
std::shared_ptr<CompilerInvocation> invocationFor(ASTContext &AST, const Preprocessor &PP,
                                                  llvm::StringRef Path, llvm::StringRef Text) {
  auto Invocation = std::make_shared<CompilerInvocation>();
  Invocation->getLangOpts() = AST.getLangOpts();
  Invocation->getTargetOpts() = AST.getTargetInfo().getTargetOpts();
  Invocation->getHeaderSearchOpts() = PP.getHeaderSearchInfo().getHeaderSearchOpts();
  const PreprocessorOptions &Given = PP.getPreprocessorOpts();
  PreprocessorOptions &Options = Invocation->getPreprocessorOpts();
  Options.Macros = Given.Macros;
  Options.Includes = Given.Includes;
  Options.MacroIncludes = Given.MacroIncludes;
  Options.addRemappedFile(Path, llvm::MemoryBuffer::getMemBufferCopy(Text, Path).release());
  Invocation->getDiagnosticOpts().IgnoreWarnings = true;
  FrontendOptions &Frontend = Invocation->getFrontendOpts();
  Frontend.ProgramAction = frontend::ParseSyntaxOnly;
  Frontend.Inputs = {FrontendInputFile(
      Path, InputKind(AST.getLangOpts().CPlusPlus ? Language::CXX : Language::C))};
  return Invocation;
}

} // namespace

bool hasSkippedBodies(ASTContext &AST) {
  SkippedBodies Finder;
  Finder.TraverseAST(AST);
  return Finder.Found;
}

std::shared_ptr<const records::FactsFile>
HeaderFactsCache::get(ASTContext &AST, const Preprocessor &PP, const RoleConfig &Config) {
  SourceManager &SM = AST.getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  // A traversal of the whole translation unit (clang-tidy's) has no
  // preamble; only clangd's, of the main file's declarations, may.
  std::vector<Decl *> Scope = AST.getTraversalScope();
  if (Scope.size() == 1 && isa<TranslationUnitDecl>(Scope.front()))
    return nullptr;
  if (!Main || !hasSkippedBodies(AST))
    return nullptr;
  llvm::StringRef Buffer = SM.getBufferData(SM.getMainFileID());
  PreambleBounds Bounds =
      ComputePreambleBounds(AST.getLangOpts(), llvm::MemoryBufferRef(Buffer, ""), 0);
  llvm::StringRef Text = Buffer.take_front(Bounds.Size);
  std::string Path = records::recordedPath(SM.getFileManager(), Main->getName());

  // One parse per distinct preamble, under the same options.
  std::string Key = Path + '\0' + Text.str() + '\0';
  for (const HeaderSearchOptions::Entry &Entry :
       PP.getHeaderSearchInfo().getHeaderSearchOpts().UserEntries)
    Key += Entry.Path + '\0';
  for (const auto &[Macro, Undefined] : PP.getPreprocessorOpts().Macros)
    Key += (Undefined ? "-U" : "-D") + Macro + '\0';
  Key = llvm::utohexstr(llvm::xxh3_64bits(Key));
  {
    // Reused while the headers it read are as they were.
    std::lock_guard<std::mutex> Guard(Lock);
    if (auto It = Parsed.find(Key);
        It != Parsed.end() && (!It->second || inputsUnchanged(It->second->Inputs)))
      return It->second;
  }
  auto Facts = std::make_shared<records::FactsFile>();
  std::unique_ptr<CompilerInstance> Instance =
      compat::compilerInstance(invocationFor(AST, PP, Path, Text),
                               SM.getFileManager().getVirtualFileSystemPtr(),
                               new IgnoringDiagConsumer());
  RecordFactsAction Action(Config, *Facts);
  if (!Instance->ExecuteAction(Action))
    Facts.reset();
  else
    Facts->File = Path + " (preamble)";
  std::lock_guard<std::mutex> Guard(Lock);
  // A session sees few preambles at a time; the cache never grows unbounded.
  if (Parsed.size() >= MaxPreambles)
    Parsed.clear();
  Parsed[Key] = Facts;
  return Facts;
}

} // namespace clang::tidy::asyncctx

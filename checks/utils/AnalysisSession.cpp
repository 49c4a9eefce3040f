//===--- AnalysisSession.cpp - asyncctx-tidy ------------------------------===//

#include "AnalysisSession.h"
#include "AnalysisContext.h"
#include "ImportedFacts.h"
#include "RoleConfig.h"
#include "ScopeAnalysis.h"

namespace clang::tidy::asyncctx {

TranslationUnitFacts::TranslationUnitFacts() = default;
TranslationUnitFacts::~TranslationUnitFacts() = default;

const ScopeFacts &TranslationUnitFacts::get(ASTContext &AST,
                                            const std::shared_ptr<const RoleConfig> &With,
                                            const FactsSettings &Settings,
                                            const Preprocessor *PP) {
  if (For != &AST || Config != With) {
    Facts = ScopeFacts();
    Imports.reset();
    Context = std::make_unique<AnalysisContext>(AST, *With);
    Config = With;
    For = &AST;
    std::shared_ptr<const records::FactsFile> Preambles;
    if (PP && Headers)
      Preambles = Headers->get(AST, *PP, *With);
    Imports = importFacts(AST, *With, Context->Roles, Settings, std::move(Preambles));
    ScopeAnalysisOptions Everything;
    Everything.StrictMode = true;
    Everything.Imports = Imports.get();
    Facts = analyseScopes(*Context, Everything).Facts;
  }
  return Facts;
}

AnalysisSession::ParsedConfig AnalysisSession::config(const ClangTidyOptions::OptionMap &Values) {
  std::string Fingerprint = RoleConfig::fingerprint(Values);
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Configs.find(Fingerprint);
  if (It == Configs.end()) {
    ParsedConfig Parsed;
    Parsed.Config = RoleConfig::get(Values, Parsed.Errors);
    It = Configs.emplace(std::move(Fingerprint), std::move(Parsed)).first;
  }
  return It->second;
}

std::shared_ptr<TranslationUnitFacts>
AnalysisSession::translationUnit(const ClangTidyContext *Context) {
  std::lock_guard<std::mutex> Guard(Lock);
  std::weak_ptr<TranslationUnitFacts> &Slot = Units[Context];
  if (std::shared_ptr<TranslationUnitFacts> Shared = Slot.lock())
    return Shared;
  // The checks of earlier translation units are gone: so are their facts.
  for (auto It = Units.begin(); It != Units.end();)
    if (It->second.expired() && It->first != Context)
      Units.erase(It++);
    else
      ++It;
  auto Fresh = std::make_shared<TranslationUnitFacts>();
  Fresh->Headers = &Headers;
  Units[Context] = Fresh;
  return Fresh;
}

} // namespace clang::tidy::asyncctx

//===--- AnalysisSession.h - asyncctx-tidy --------------------------------===//
//
// What the asyncctx checks made by one registration of the module share.
// clang-tidy makes its checks anew for each translation unit, clangd for
// each parse, on several threads at once; the module hands every check it
// makes the same session (utils/TranslationUnitCheck), which keeps
//   - the role configurations, one per distinct set of option values, with
//     the errors found in them, and
//   - the facts of each translation unit, computed once for all the asyncctx
//     checks that are on there, and dropped with the last of them.
// Nothing else is shared, and nothing is global.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_ANALYSISSESSION_H
#define ASYNCCTX_TIDY_UTILS_ANALYSISSESSION_H

#include "FactsDirectory.h"
#include "HeaderFacts.h"
#include "ScopeFacts.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;

namespace tidy {
class ClangTidyContext;

namespace asyncctx {

class RoleConfig;
struct AnalysisContext;

/// The facts of one translation unit, computed when the first check asks.
class TranslationUnitFacts {
public:
  TranslationUnitFacts();
  ~TranslationUnitFacts();

  /// The facts of the translation unit of \p AST under \p Config (the facts
  /// of a function whose callers are unknown included: StrictMode is a
  /// check's choice of what to report), with what \p Settings' facts
  /// directory says of the rest of the program.
  const ScopeFacts &get(ASTContext &AST, const std::shared_ptr<const RoleConfig> &Config,
                        const FactsSettings &Settings, const Preprocessor *PP);

private:
  friend class AnalysisSession;
  /// The session's: what clangd's preambles hold without bodies.
  HeaderFactsCache *Headers = nullptr;
  const ASTContext *For = nullptr;
  /// The facts name stores by the strings of the configuration and of the
  /// analysis' role layer, and places of other files by the imported
  /// facts': all live as long as the facts.
  std::shared_ptr<const RoleConfig> Config;
  std::unique_ptr<AnalysisContext> Context;
  std::unique_ptr<ImportedFacts> Imports;
  ScopeFacts Facts;
};

class AnalysisSession {
public:
  struct ParsedConfig {
    std::shared_ptr<const RoleConfig> Config;
    std::vector<std::string> Errors;
  };

  /// The configuration that \p Values describe, made once per distinct set
  /// of values.
  ParsedConfig config(const ClangTidyOptions::OptionMap &Values);

  /// The facts of the translation unit that the checks made for \p Context
  /// check, shared by them all.
  std::shared_ptr<TranslationUnitFacts> translationUnit(const ClangTidyContext *Context);

private:
  std::mutex Lock;
  HeaderFactsCache Headers;
  std::map<std::string, ParsedConfig> Configs;
  llvm::DenseMap<const ClangTidyContext *, std::weak_ptr<TranslationUnitFacts>> Units;
};

} // namespace asyncctx
} // namespace tidy
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_ANALYSISSESSION_H

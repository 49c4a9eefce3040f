//===--- HeaderFacts.h - asyncctx-tidy ------------------------------------===//
//
// The facts of the functions defined in the headers that clangd parsed
// without their bodies. clangd parses a file's leading includes once into a
// preamble and, for speed, skips every function body in it
// (CppFilePreambleCallbacks::shouldSkipFunctionBody); and it traverses only
// the main file's own declarations (ParsedAST sets the traversal scope). A
// function defined in a header is therefore a declaration without a body in
// the editor, where clang-tidy in CI analyses it: every read through a
// helper of a header was missing in the editor.
//
// Here the main file's preamble region (its text up to the end of the
// leading includes, as clangd computes it) is parsed once more, with the
// bodies, under the same language, target, include paths and macros, and
// the analysis makes the facts of its functions (utils/SummaryRecords), as
// it makes those of a file for the rest of the program. The analysis of the
// main file then follows its calls into those functions as into another
// file's (utils/ImportedFacts). The parse is made once per distinct
// preamble region and kept by the session while the headers it read are
// unchanged (their sizes, times and contents, as a facts directory checks
// its inputs); a header saved with other content is parsed again.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_HEADERFACTS_H
#define ASYNCCTX_TIDY_UTILS_HEADERFACTS_H

#include "SummaryRecords.h"

#include <map>
#include <memory>
#include <mutex>

namespace clang {
class ASTContext;
class Preprocessor;

namespace tidy::asyncctx {

class RoleConfig;

/// The facts of the preamble regions parsed so far, shared by every
/// translation unit of a session (clangd parses on several threads).
class HeaderFactsCache {
public:
  /// The facts of the functions that \p AST (with \p PP) has without their
  /// bodies, from its main file's preamble region; null when it has none.
  std::shared_ptr<const records::FactsFile> get(ASTContext &AST, const Preprocessor &PP,
                                                const RoleConfig &Config);

private:
  static constexpr size_t MaxPreambles = 32;
  std::mutex Lock;
  std::map<std::string, std::shared_ptr<const records::FactsFile>> Parsed;
};

/// Whether the translation unit has a function whose body was skipped
/// (clangd's preamble), which a call reaches.
bool hasSkippedBodies(ASTContext &AST);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_HEADERFACTS_H

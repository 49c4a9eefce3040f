//===--- LostContextCheck.h - asyncctx-tidy -------------------------------===//

#ifndef ASYNCCTX_TIDY_LOSTCONTEXTCHECK_H
#define ASYNCCTX_TIDY_LOSTCONTEXTCHECK_H

#include "utils/TranslationUnitCheck.h"

namespace clang::tidy::asyncctx {

/// Finds work kept to run later without the context it was handed on in, and
/// executors that do not carry the context to the work they run.
///
/// For the user-facing documentation see:
/// docs/checks/lost-context.md
class LostContextCheck : public TranslationUnitCheck {
public:
  LostContextCheck(StringRef Name, ClangTidyContext *Context,
                   std::shared_ptr<AnalysisSession> Session);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) override;
  void reportKept(const LostContextFact &Fact, ASTContext &Ctx);
  void reportUncarried(const UncarriedWorkFact &Fact, ASTContext &Ctx);
  /// The notes from the callable down to the read.
  void explainRead(const ReadPath &Path, const std::string &Store);

  /// At most this many notes down a chain of calls to the read (0: all).
  const unsigned MaxChainNotes;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_LOSTCONTEXTCHECK_H

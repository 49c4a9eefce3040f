//===--- ReadOutsideRunCheck.h - asyncctx-tidy ----------------------------===//

#ifndef ASYNCCTX_TIDY_READOUTSIDERUNCHECK_H
#define ASYNCCTX_TIDY_READOUTSIDERUNCHECK_H

#include "utils/TranslationUnitCheck.h"

namespace clang::tidy::asyncctx {

/// Finds reads of a context store where no scope of that store is active,
/// within a function and across the functions of the translation unit.
///
/// For the user-facing documentation see:
/// docs/checks/read-outside-run.md
class ReadOutsideRunCheck : public TranslationUnitCheck {
public:
  ReadOutsideRunCheck(StringRef Name, ClangTidyContext *Context,
                      std::shared_ptr<AnalysisSession> Session);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkTranslationUnit(const ScopeFacts &Facts, ASTContext &Ctx) override;
  void report(const ReadFact &Fact, ASTContext &Ctx);
  /// The note on where the missing scope comes from.
  void explainOrigin(const ReadFact &Fact, const std::string &Store);
  /// The notes down the chain of calls to the read.
  void explainChain(const ReadFact &Fact, const std::string &Store);
  /// A guard dropped where it is made: its scope covers no read after it.
  void reportDiscardedGuards(const ScopeFacts &Facts, ASTContext &Ctx);
  /// A null test of a read that never returns null (folly's get()).
  void reportNeverNullTests(const ScopeFacts &Facts, ASTContext &Ctx);

  /// Also report functions whose callers are unknown (see the docs).
  const bool StrictMode;
  /// At most this many notes for the calls down to a read (0: all of them).
  const unsigned MaxChainNotes;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_READOUTSIDERUNCHECK_H

//===--- InvocationOptions.h - asyncctx-tidy ------------------------------===//
//
// The options that say which functions are invocations, shared by the checks
// that need them. Each is read from the check's own options or, when the
// check does not set it, from the global ones (one setting serves every
// asyncctx check), and written back so that --dump-config shows it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_INVOCATIONOPTIONS_H
#define ASYNCCTX_TIDY_UTILS_INVOCATIONOPTIONS_H

#include "Roles.h"
#include "ScopeAnalysis.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include <string>
#include <vector>

namespace clang::tidy::asyncctx {

class InvocationOptions {
public:
  /// \p Options is the check's ClangTidyCheck::OptionsView.
  template <class OptionsView>
  explicit InvocationOptions(const OptionsView &Options)
      : RunnersOption(Options.getLocalOrGlobal("InvocationRunners", DefaultInvocationRunners).str()),
        FunctionsOption(Options.getLocalOrGlobal("InvocationFunctions", "").str()) {
    for (llvm::StringRef Name : utils::options::parseStringList(RunnersOption))
      Runners.push_back(Name.str());
    for (llvm::StringRef Name : utils::options::parseStringList(FunctionsOption))
      Functions.push_back(Name.str());
  }

  template <class OptionsView>
  void store(const OptionsView &Options, ClangTidyOptions::OptionMap &Opts) const {
    Options.store(Opts, "InvocationRunners", RunnersOption);
    Options.store(Opts, "InvocationFunctions", FunctionsOption);
  }

  void applyTo(ScopeAnalysisOptions &Analysis) const {
    Analysis.InvocationRunners = Runners;
    Analysis.InvocationFunctions = Functions;
  }

private:
  std::string RunnersOption, FunctionsOption;
  std::vector<std::string> Runners, Functions;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_UTILS_INVOCATIONOPTIONS_H

//===--- AsyncCtxTidyModule.cpp - asyncctx-tidy ---------------------------===//

#include "EnterWithCheck.h"
#include "InvocationLeakCheck.h"
#include "LostContextCheck.h"
#include "ReadOutsideRunCheck.h"
#include "SuspendInScopeCheck.h"

#include "utils/AnalysisSession.h"
#include "utils/Compat.h"

#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy::asyncctx {

class AsyncCtxTidyModule : public ClangTidyModule {
public:
  /// Every check these factories make shares one session: the configuration
  /// and each translation unit's facts (utils/AnalysisSession).
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    auto Session = std::make_shared<AnalysisSession>();
#define ASYNCCTX_CHECK(Class, Name, Summary)                                                    \
  Factories.registerCheckFactory(                                                               \
      "asyncctx-" Name, [Session](llvm::StringRef CheckName, ClangTidyContext *Context) {       \
        return std::make_unique<Class>(CheckName, Context, Session);                           \
      });
#include "Checks.def"
  }
};

static ClangTidyModuleRegistry::Add<AsyncCtxTidyModule>
    X("asyncctx-module", "Checks for async context stores (run/enter_with).");

} // namespace clang::tidy::asyncctx

// Referenced by tool/AsyncCtxTidyMain.cpp so that a static link keeps this
// module's registration.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int AsyncCtxTidyModuleAnchorSource = 0;

//===--- AsyncCtxTidyModule.cpp - asyncctx-tidy ---------------------------===//

#include "EnterWithCheck.h"
#include "InvocationLeakCheck.h"
#include "ReadOutsideRunCheck.h"
#include "SuspendInScopeCheck.h"

#include "utils/Compat.h"

#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy::asyncctx {

class AsyncCtxTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
#define ASYNCCTX_CHECK(Class, Name, Summary) Factories.registerCheck<Class>("asyncctx-" Name);
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

//===--- AsyncCtxTidyMain.cpp - asyncctx-tidy -----------------------------===//
//
// asyncctx-tidy: clang-tidy's own command line, with every built-in module
// and the asyncctx module linked in.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/tool/ClangTidyMain.h"

extern volatile int AsyncCtxTidyModuleAnchorSource;
[[maybe_unused]] static int AsyncCtxTidyModuleAnchorDestination =
    AsyncCtxTidyModuleAnchorSource;

int main(int argc, const char **argv) {
  return clang::tidy::clangTidyMain(argc, argv);
}

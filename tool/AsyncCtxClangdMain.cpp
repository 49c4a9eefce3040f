//===--- AsyncCtxClangdMain.cpp - asyncctx-clangd -------------------------===//
//
// asyncctx-clangd: clangd 19, unchanged, with the asyncctx clang-tidy module
// linked in, so an editor shows the asyncctx checks that `.clang-tidy`
// enables, with their fix-its as code actions.
//
// clangd's own checks and tweaks come from Debian's static libclangdMain.a,
// libclangDaemon.a and libclangDaemonTweaks.a; see CMakeLists.txt for how
// they are linked.
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstring>

// Debian installs no clangd headers; this is ClangdMain.h's one declaration.
namespace clang {
namespace clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clangd
} // namespace clang

// Pull in the asyncctx module's registration, as asyncctx-tidy does.
extern volatile int AsyncCtxTidyModuleAnchorSource;
[[maybe_unused]] static int AsyncCtxTidyModuleAnchorDestination =
    AsyncCtxTidyModuleAnchorSource;

int main(int argc, char *argv[]) {
  // clangd prints its version with a printer of its own, which leaves no room
  // for ours: name asyncctx-tidy's version (CMake's project(VERSION)) first.
  for (int I = 1; I < argc; ++I)
    if (std::strcmp(argv[I], "--version") == 0 || std::strcmp(argv[I], "-version") == 0) {
      std::printf("asyncctx-clangd: clangd with the checks of asyncctx-tidy version %s\n",
                  ASYNCCTX_TIDY_VERSION);
      std::fflush(stdout);
    }
  return clang::clangd::clangdMain(argc, argv);
}

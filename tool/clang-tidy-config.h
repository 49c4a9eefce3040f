// clang-tidy-config.h for building against Debian's LLVM 19 or 22 packages.
//
// clang-tidy's ClangTidyForceLinker.h includes this header, which LLVM's
// build generates and Debian does not install. Debian also ships no static
// library of the clang-analyzer module (libclangTidyClangAnalyzerModule.a), so
// asyncctx-tidy links every built-in module but that one; the clang-analyzer-*
// checks stay available through `clang-tidy-19 -load` (or `clang-tidy-22`) of
// the plugin.
#ifndef ASYNCCTX_TIDY_CLANG_TIDY_CONFIG_H
#define ASYNCCTX_TIDY_CLANG_TIDY_CONFIG_H
#define CLANG_TIDY_ENABLE_STATIC_ANALYZER 0
#endif

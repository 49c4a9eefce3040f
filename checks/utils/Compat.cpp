//===--- Compat.cpp - asyncctx-tidy ---------------------------------------===//
//
// The differences between LLVM/Clang 19 and 22 that need more than a header
// (Compat.h).
//
//===----------------------------------------------------------------------===//

#include "Compat.h"

#include "clang/Frontend/CompilerInstance.h"

namespace clang::tidy::asyncctx::compat {

std::unique_ptr<CompilerInstance>
compilerInstance(std::shared_ptr<CompilerInvocation> Invocation,
                 llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                 DiagnosticConsumer *Diagnostics) {
#if LLVM_VERSION_MAJOR >= 22
  auto Instance = std::make_unique<CompilerInstance>(std::move(Invocation));
  Instance->setVirtualFileSystem(std::move(FS));
  Instance->createDiagnostics(Diagnostics, /*ShouldOwnClient=*/true);
  Instance->createFileManager();
#else
  auto Instance = std::make_unique<CompilerInstance>();
  Instance->setInvocation(std::move(Invocation));
  Instance->createDiagnostics(Diagnostics, /*ShouldOwnClient=*/true);
  Instance->createFileManager(std::move(FS));
#endif
  return Instance;
}

} // namespace clang::tidy::asyncctx::compat

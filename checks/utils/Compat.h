//===--- Compat.h - asyncctx-tidy -----------------------------------------===//
//
// Every difference between the LLVM/Clang versions asyncctx-tidy builds
// against (19 and 22, chosen with -DASYNCCTX_LLVM_VERSION) lives here, and
// only here: the checks and the tools call these helpers instead of the
// version's own API, and no other file tests LLVM_VERSION_MAJOR.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_COMPAT_H
#define ASYNCCTX_TIDY_UTILS_COMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/TypeLoc.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <memory>

#if LLVM_VERSION_MAJOR != 19 && LLVM_VERSION_MAJOR != 22
#error "asyncctx-tidy builds against LLVM/Clang 19 or 22"
#endif

// ClangTidyModuleRegistry: its own header up to 21; from 22 that header is a
// deprecated shim and the registry is in ClangTidyModule.h.
#if LLVM_VERSION_MAJOR >= 22
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang {
class CompilerInstance;
class CompilerInvocation;
class DiagnosticConsumer;
} // namespace clang

namespace clang::tidy::asyncctx::compat {

/// A compiler for \p Invocation that reads files through \p FS and reports
/// to \p Diagnostics (owned). Clang 22 takes the invocation at construction
/// and the file system before the diagnostics (Compat.cpp).
std::unique_ptr<CompilerInstance>
compilerInstance(std::shared_ptr<CompilerInvocation> Invocation,
                 llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                 DiagnosticConsumer *Diagnostics);

/// The type a class (or any tag) declares. Clang 22 makes tag types lazily
/// through the ASTContext and deletes TagDecl::getTypeForDecl.
inline QualType tagType(const TagDecl *D) {
#if LLVM_VERSION_MAJOR >= 22
  return D->getASTContext().getCanonicalTagType(D);
#else
  return QualType(D->getTypeForDecl(), 0);
#endif
}

/// The typedef or alias a TypedefTypeLoc names (Clang 22 renamed the accessor).
inline const TypedefNameDecl *typedefDecl(TypedefTypeLoc TL) {
#if LLVM_VERSION_MAJOR >= 22
  return TL.getDecl();
#else
  return TL.getTypedefNameDecl();
#endif
}

/// Makes \p Path absolute against \p Directory when it is relative. LLVM 22
/// moved the two-argument form from sys::fs to sys::path.
inline void makeAbsolute(const llvm::Twine &Directory, llvm::SmallVectorImpl<char> &Path) {
#if LLVM_VERSION_MAJOR >= 22
  llvm::sys::path::make_absolute(Directory, Path);
#else
  llvm::sys::fs::make_absolute(Directory, Path);
#endif
}

} // namespace clang::tidy::asyncctx::compat

#endif // ASYNCCTX_TIDY_UTILS_COMPAT_H

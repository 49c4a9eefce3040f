//===--- CodeWithErrors.h - functions clang could not build whole ---------===//
//
// What clang recovered of a function it could not build whole (an invalid
// declaration, a member of an invalid class, a recovery expression, an
// invalid local) is a guess, and a CFG built over it can crash (implicit
// destructors of an invalid class read the definition of a member type that
// has none). Such a function is not indexed (utils/FunctionIndex), nor is
// any function that calls it or hands it on: what it does to a store is not
// known, and analysing its callers as if it did nothing could report a read
// or a leak that is not there. After a fatal error (a missing include)
// clang instantiates no more templates, so bodies are missing everywhere:
// nothing is indexed.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_CODEWITHERRORS_H
#define ASYNCCTX_TIDY_UTILS_CODEWITHERRORS_H

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang {
class ASTContext;
class FunctionDecl;

namespace tidy::asyncctx {

/// Whether clang could not build \p FD whole.
bool containsErrors(const FunctionDecl *FD);

/// The functions not to index in a translation unit with errors: those that
/// contain errors, and every function that uses one (calls it, hands it on,
/// takes its address, also in a lambda it contains), transitively. System
/// headers are not scanned, nor the bodies \p IsLibraryCode names (a
/// library's own API: its errors are not the user's code).
llvm::DenseSet<const FunctionDecl *>
functionsWithErrors(ASTContext &AST, llvm::function_ref<bool(const FunctionDecl *)> IsLibraryCode);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_CODEWITHERRORS_H

//===--- WrappedCode.h - asyncctx-tidy ------------------------------------===//
//
// What forbids moving statements into a lambda, for the rewrite into RUN
// (utils/RewriteSafety).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_WRAPPEDCODE_H
#define ASYNCCTX_TIDY_UTILS_WRAPPEDCODE_H

#include "RunRewrite.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <string>

namespace clang {
class ASTContext;
class Decl;
class NamedDecl;
class Stmt;

namespace tidy::asyncctx {

class RoleLayer;

/// What the statements would do inside the lambda.
struct WrappedCode {
  /// Why they cannot move into it, and where that shows; Reason::None when
  /// they can.
  RewriteRefusal Refusal;
  /// They hold a `return` (which becomes the lambda's).
  bool HasReturn = false;
};

/// Scans \p Statements, which would follow \p RegionBegin inside the lambda;
/// returns are allowed only if \p ReturnsAllowed (they end \p Function, or
/// a lambda when it is null).
WrappedCode scanWrappedCode(llvm::ArrayRef<const Stmt *> Statements, const ASTContext &Ctx,
                            const RoleLayer &Roles, SourceLocation RegionBegin,
                            bool ReturnsAllowed, const NamedDecl *Function);

/// The first use in \p Statements of one of \p Declared, if any, and where.
const NamedDecl *findUseOf(const llvm::SmallPtrSetImpl<const Decl *> &Declared,
                           llvm::ArrayRef<const Stmt *> Statements, SourceLocation &At);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_WRAPPEDCODE_H

//===--- WrappedCode.h - asyncctx-tidy ------------------------------------===//
//
// What forbids moving statements into a lambda, for the rewrite into RUN
// (utils/RewriteSafety).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_WRAPPEDCODE_H
#define ASYNCCTX_TIDY_UTILS_WRAPPEDCODE_H

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

/// What the statements would do inside the lambda.
struct WrappedCode {
  /// Why they cannot move into it ("'break' would leave the lambda that
  /// 'run' calls"), and where that shows; empty when they can.
  std::string Reason;
  SourceLocation At;
  /// They hold a `return` (which becomes the lambda's).
  bool HasReturn = false;
};

/// Scans \p Statements, which would follow \p RegionBegin inside the lambda
/// that \p RunName calls; returns are allowed only if \p ReturnsAllowed
/// (they end \p FunctionName).
WrappedCode scanWrappedCode(llvm::ArrayRef<const Stmt *> Statements, const ASTContext &Ctx,
                            SourceLocation RegionBegin, bool ReturnsAllowed,
                            std::string FunctionName, std::string RunName);

/// The first use in \p Statements of one of \p Declared, if any, and where.
const NamedDecl *findUseOf(const llvm::SmallPtrSetImpl<const Decl *> &Declared,
                           llvm::ArrayRef<const Stmt *> Statements, SourceLocation &At);

/// 'name', as diagnostics quote a declaration.
std::string quoted(const NamedDecl *D);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_WRAPPEDCODE_H

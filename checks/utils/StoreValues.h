//===--- StoreValues.h - asyncctx-tidy ------------------------------------===//
//
// Where a value comes from a store. An expression *carries a store value*
// when it is a READ call, a part of such a value (`c->user`, `*c`, `c.get()`),
// a local variable initialized with one, or a call of a function of the
// translation unit that returns one on some path. Copies, conversions and
// temporaries carry what they copy.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_STOREVALUES_H
#define ASYNCCTX_TIDY_UTILS_STOREVALUES_H

#include "llvm/ADT/DenseMap.h"

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;

namespace tidy::asyncctx {

class RoleLayer;

class StoreValueFinder {
public:
  explicit StoreValueFinder(const RoleLayer &Roles) : Roles(Roles) {}

  /// The READ call whose value \p E carries, or null.
  const CallExpr *sourceOf(const Expr *E);
  /// The READ call whose value \p FD returns on some path, or null.
  const CallExpr *returnedBy(const FunctionDecl *FD, unsigned Depth = 0);

private:
  const CallExpr *sourceOf(const Expr *E, unsigned Depth);

  /// Per function: its answer, or null while it is being computed (so
  /// recursion ends).
  llvm::DenseMap<const FunctionDecl *, const CallExpr *> Returns;
  const RoleLayer &Roles;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_STOREVALUES_H

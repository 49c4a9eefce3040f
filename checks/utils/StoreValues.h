//===--- StoreValues.h - asyncctx-tidy ------------------------------------===//
//
// Where a value comes from a store. An expression *carries a store value*
// when it is a READ call, a part of such a value (`c->user`, `*c`, `c.get()`),
// a local variable initialized with one, or a call of a function of the
// translation unit that returns one on some path. Copies, conversions and
// temporaries carry what they copy. Where the facts of other files are
// followed, a call of a function of another file may carry one too: which
// one, that file's facts say (utils/ProgramFacts).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_STOREVALUES_H
#define ASYNCCTX_TIDY_UTILS_STOREVALUES_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;

namespace tidy::asyncctx {

class RoleLayer;

class StoreValueFinder {
public:
  /// \p Elsewhere: the functions with no body here whose store values come
  /// from other files' facts (FunctionIndex::Elsewhere), if any.
  explicit StoreValueFinder(const RoleLayer &Roles,
                            const llvm::DenseSet<const FunctionDecl *> *Elsewhere = nullptr)
      : Roles(Roles), Elsewhere(Elsewhere) {}

  /// Where a value comes from: a READ call here, or the call of a function
  /// of another file (one of Elsewhere) that may return one.
  struct Source {
    const CallExpr *Read = nullptr;
    const FunctionDecl *FromElsewhere = nullptr; ///< canonical
    explicit operator bool() const { return Read || FromElsewhere; }
  };

  /// The READ call whose value \p E carries, or null.
  const CallExpr *sourceOf(const Expr *E) { return find(E, 0).Read; }
  /// The READ call whose value \p FD returns on some path, or null.
  const CallExpr *returnedBy(const FunctionDecl *FD) { return returned(FD, 0).Read; }
  /// The same, or else the function of another file it comes from.
  Source anySourceOf(const Expr *E) { return find(E, 0); }
  Source anyReturnedBy(const FunctionDecl *FD) { return returned(FD, 0); }

private:
  Source find(const Expr *E, unsigned Depth);
  Source returned(const FunctionDecl *FD, unsigned Depth);

  /// Per function: its answer, or nothing while it is being computed (so
  /// recursion ends).
  llvm::DenseMap<const FunctionDecl *, Source> Returns;
  const RoleLayer &Roles;
  const llvm::DenseSet<const FunctionDecl *> *Elsewhere;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_STOREVALUES_H

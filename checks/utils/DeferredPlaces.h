//===--- DeferredPlaces.h - asyncctx-tidy ---------------------------------===//
//
// The single places of deferred work that need no flow (spec, "Deferred work
// and the code it runs"), found by utils/PlaceFinder's part of the one
// traversal:
//
//   rule 2  a member of an executor class (ASYNCCTX_EXECUTOR, or derived from
//           one) that puts a callable it was given into a queue (a data
//           member of a class template type, or a static one) with no
//           snapshot of the context beside it (UncarriedWorkFact, Stored)
//   rule 4  a snapshot kept in a private or protected data member by an
//           assignment, that nothing in the translation unit drops (resets,
//           assigns null, moves out, exchanges, swaps) (KeptSnapshotFact).
//           Where the assignment is in a header and the member's class has
//           member functions defined elsewhere, one of those may drop it:
//           not reported
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_DEFERREDPLACES_H
#define ASYNCCTX_TIDY_UTILS_DEFERREDPLACES_H

#include "ScopeFacts.h"

#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang {
class ASTContext;

namespace tidy::asyncctx {

struct AnalysisContext;

class DeferredPlaces {
public:
  explicit DeferredPlaces(AnalysisContext &Context);

  /// A call in \p Function (canonical; null outside functions), outside a
  /// template's pattern.
  void call(const CallExpr *Call, const FunctionDecl *Function);
  /// `Target = Value`.
  void assignment(const Expr *Target, const Expr *Value, SourceLocation Loc);

  /// After the traversal: the executors' stores without a snapshot, and the
  /// snapshots kept in members that nothing drops.
  void finish(std::vector<UncarriedWorkFact> &Uncarried, std::vector<KeptSnapshotFact> &Kept);

private:
  void drop(const Expr *E);
  void keptWithoutSnapshot(const CallExpr *Call, const FunctionDecl *Function);
  /// Whether a member function of \p Member's class defined in another
  /// translation unit may drop it.
  bool mayBeDroppedElsewhere(const ValueDecl *Member) const;

  ASTContext &Ctx;
  const RoleLayer &Roles;
  std::vector<UncarriedWorkFact> Stored;
  std::vector<KeptSnapshotFact> Keeps;
  llvm::DenseSet<const ValueDecl *> Dropped;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_DEFERREDPLACES_H

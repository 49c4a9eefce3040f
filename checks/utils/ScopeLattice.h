//===--- ScopeLattice.h - asyncctx-tidy -----------------------------------===//
//
// The state of the stores at one point of a function: the lattice of the
// scope dataflow (utils/ScopeDataflow).
//
// Per store, a set of flags, joined by union where paths meet:
//   In     a scope of the store is active (RUN, ENTER_WITH, a live guard)
//   No     no scope is active, with where that began (the origin)
//   Entry  as the function's caller had it
// A store the function has not touched has the default state (Entry in an
// ordinary function, No in an entry point such as `main`).
//
// A scope guard saves the state of its store when it is constructed and puts
// it back at its destructor: the state holds what each live guard saved.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_SCOPELATTICE_H
#define ASYNCCTX_TIDY_UTILS_SCOPELATTICE_H

#include "ScopeAnalysis.h"

#include "llvm/ADT/MapVector.h"

namespace clang {
class CallExpr;
class VarDecl;

namespace tidy::asyncctx {

enum ScopeFlag : unsigned { In = 1, No = 2, Entry = 4 };

/// One store's state at a point, with where a No began.
struct StoreState {
  StoreRef Store;
  unsigned Flags = Entry;
  NoScopeOrigin Origin = NoScopeOrigin::Main;
  SourceLocation OriginLoc;
  const NamedDecl *OriginDecl = nullptr;
  /// With In: the ENTER_WITH behind it, and the call of this function that
  /// led there when it was in a callee.
  const CallExpr *EnteredBy = nullptr;
  SourceLocation EnteredVia;
  /// With In: the guard variable of this function that opened the scope.
  const VarDecl *Guard = nullptr;

  /// Joins another path's state of the same store; true if this changed.
  bool join(const StoreState &Other);
};

/// What a live scope guard saved when it was made.
struct SavedByGuard {
  StoreState Before;
  /// The guard sets nothing and only restores (RoleTrait RestoresOnly).
  bool RestoresOnly = false;
};

/// The state of every store at a point.
class State {
public:
  static State entry() { return State(); }
  static State noScope(NoScopeOrigin Origin, SourceLocation Loc, const NamedDecl *D);

  /// The state a read of \p Store sees. A store named only by its class
  /// stands for every store of that class: a scope of either covers a read
  /// of the other.
  StoreState lookup(const StoreRef &Store) const;
  /// The store's own entry (or the default), without the class rule.
  StoreState get(const void *Key) const;

  void set(const StoreRef &Store, unsigned Flags, NoScopeOrigin Origin = NoScopeOrigin::Main,
           SourceLocation Loc = {}, const NamedDecl *D = nullptr);
  void enter(const StoreRef &Store, const CallExpr *EnterWith);
  StoreState &at(const StoreRef &Store);

  /// A guard for \p Store begins: it saves the store's state, and makes a
  /// value current unless it only restores.
  void beginGuard(const VarDecl *Guard, const StoreRef &Store, bool RestoresOnly);
  /// A guard's destructor runs: its store gets back what the guard saved.
  void endGuard(const VarDecl *Guard);
  /// Whether a live guard that only restores will end \p Store's value.
  bool restoredByGuard(const StoreRef &Store) const;

  /// Joins the state of another path into this one; true if this changed.
  bool join(const State &Other);

  /// A coroutine passed a co_await or co_yield on some path to here: the
  /// first one, on that path.
  SourceLocation suspendedAt() const { return SuspendedAt; }
  void suspend(SourceLocation At) {
    if (SuspendedAt.isInvalid())
      SuspendedAt = At;
  }

  /// The stores this function changed, with their states.
  const llvm::SmallMapVector<const void *, StoreState, 4> &stores() const { return Stores; }
  const StoreState &defaultState() const { return Default; }

private:
  StoreState Default;
  llvm::SmallMapVector<const void *, StoreState, 4> Stores;
  llvm::SmallMapVector<const VarDecl *, SavedByGuard, 2> Guards;
  SourceLocation SuspendedAt;
};

/// A function's need: it reads a store where its state is its caller's.
/// A coroutine's reads after its first suspension are needs of their own:
/// there, the caller's scope may have ended (utils/ScopeDataflow).
struct Need {
  StoreRef Store;
  llvm::SmallVector<ChainLink, 4> Chain; ///< below the function: empty for its own read
  SourceLocation ReadLoc;
  const FunctionDecl *ReadFunction = nullptr;
  SourceLocation FirstLoc; ///< the read or call inside the function that needs it
  SourceLocation SuspendedAt; ///< for a read after a suspension: the first suspension
};
/// By store, and whether the read is after a suspension (1) or not (0).
using NeedMap = llvm::MapVector<std::pair<const void *, unsigned>, Need>;

/// What a function leaves behind for the stores it changes: In where it
/// entered them, No where a DISABLE cleared them, Entry where some path left
/// them as the caller had them. Its callers continue from there.
using EffectList = llvm::SmallVector<StoreState, 2>;

/// A function's summary, as its callers see it.
struct Summary {
  NeedMap Needs;
  EffectList Effects;
  /// Joins \p Found into this summary (needs and effect flags only grow, so
  /// iterating a recursive group ends); true if this changed.
  bool join(const NeedMap &FoundNeeds, const EffectList &FoundEffects);
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPELATTICE_H

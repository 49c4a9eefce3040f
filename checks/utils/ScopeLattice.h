//===--- ScopeLattice.h - asyncctx-tidy -----------------------------------===//
//
// The state of the stores at one point of a function: the lattice of the
// scope dataflow (utils/ScopeDataflow).
//
// Per store, the set of what can hold there over the paths that reach the
// point (a ScopeSet), joined by union where paths meet:
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

#include "Roles.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/MapVector.h"
#include <cstdint>
#include <optional>

namespace clang {
class CallExpr;
class NamedDecl;
class VarDecl;

namespace tidy::asyncctx {

struct ExternalCall;

/// What can hold of one store at a point.
enum class ScopeKind : uint8_t {
  In,    ///< a scope is active
  No,    ///< no scope is active
  Entry, ///< as the function's caller had it
};

/// The kinds that hold of a store at a point, over every path that reaches
/// it. Paths meet by union, so a set only grows as the analysis goes on.
class ScopeSet {
public:
  constexpr ScopeSet() = default;
  static constexpr ScopeSet of(ScopeKind K) { return ScopeSet(bit(K)); }

  bool has(ScopeKind K) const { return Bits & bit(K); }
  /// Whether \p K holds on every path, and nothing else on any.
  bool only(ScopeKind K) const { return Bits == bit(K); }
  bool empty() const { return Bits == 0; }
  ScopeSet with(ScopeKind K) const { return ScopeSet(Bits | bit(K)); }
  ScopeSet without(ScopeKind K) const { return ScopeSet(Bits & ~bit(K)); }
  /// This set where \p Caller is what Entry stands for: Entry replaced by
  /// the caller's kinds.
  ScopeSet resolveEntry(ScopeSet Caller) const {
    return has(ScopeKind::Entry) ? ScopeSet((Bits & ~bit(ScopeKind::Entry)) | Caller.Bits) : *this;
  }
  /// Adds another path's kinds; true if this changed.
  bool join(ScopeSet Other) {
    uint8_t Joined = Bits | Other.Bits;
    bool Changed = Joined != Bits;
    Bits = Joined;
    return Changed;
  }
  bool operator==(ScopeSet Other) const { return Bits == Other.Bits; }
  bool operator!=(ScopeSet Other) const { return Bits != Other.Bits; }

  /// "in", "no", "entry", "in+no", ...: the set as summaries write it.
  std::string str() const;
  /// The set that str() wrote, if \p Text is one.
  static std::optional<ScopeSet> parse(llvm::StringRef Text);

private:
  constexpr explicit ScopeSet(uint8_t Bits) : Bits(Bits) {}
  static constexpr uint8_t bit(ScopeKind K) { return uint8_t(1u << unsigned(K)); }
  uint8_t Bits = 0;
};

/// Where a path with no scope began.
enum class NoScopeOrigin : uint8_t {
  Main,          ///< `main` runs with no scope
  Invocation,    ///< an INVOCATION function starts with none
  Disabled,      ///< DISABLE cleared the store
  Exit,          ///< the callable given to EXIT runs with none
  Thread,        ///< a callable started on a new thread (std::thread, std::async, ...)
  Spawned,       ///< a callable given to a SPAWN function
  LazyCoroutine, ///< a lazy coroutine given to RUN/BIND: its body starts after RUN returned
  Suspended,     ///< a coroutine given to RUN/BIND, after its first suspension
  GlobalInit,    ///< a namespace-scope or static member initializer
  GlobalDestroy, ///< the destructor of a namespace-scope variable
  NewStore,      ///< a store that is a local variable: created with no value
};

/// Where a path with no scope began, and what began it.
struct NoScopeSource {
  NoScopeOrigin Kind = NoScopeOrigin::Main;
  SourceLocation Loc;
  /// The function, variable or callee behind it.
  const NamedDecl *Decl = nullptr;
  /// Where it is in another file (utils/ExternalPlaces): then Loc is
  /// invalid and Decl null.
  const ExternalCall *Elsewhere = nullptr;
};

/// One store's state at a point.
struct StoreState {
  StoreRef Store;
  ScopeSet Scopes = ScopeSet::of(ScopeKind::Entry);
  /// With No: where it began (the first path's).
  NoScopeSource Origin;
  /// With In: the ENTER_WITH behind it, and the call of this function that
  /// led there when it was in a callee.
  const CallExpr *EnteredBy = nullptr;
  /// With In: an ENTER_WITH in another file behind it (EnteredBy is null).
  const ExternalCall *EnteredElsewhere = nullptr;
  SourceLocation EnteredVia;
  /// With In: the guard variable of this function that opened the scope.
  const VarDecl *Guard = nullptr;

  /// Joins another path's state of the same store; true if this changed.
  bool join(const StoreState &Other);
  /// Whether the value ENTER_WITH made current here, in this very function,
  /// can be current on some path.
  bool enteredHere() const { return Scopes.has(ScopeKind::In) && EnteredBy && EnteredVia.isInvalid(); }
};

/// The state of every store at a point.
class State {
public:
  static State entry() { return State(); }
  static State noScope(NoScopeSource Origin);

  /// The state a read of \p Store sees. A store named only by its class
  /// stands for every store of that class: a scope of either covers a read
  /// of the other.
  StoreState lookup(const StoreRef &Store) const;
  /// The store's own entry (or the default), without the class rule.
  StoreState get(const void *Key) const;

  /// \p Store is in no scope, since \p Origin.
  void clear(const StoreRef &Store, NoScopeSource Origin);
  /// \p Store is in scope; \p EnterWith made it so, if it was one.
  void enter(const StoreRef &Store, const CallExpr *EnterWith = nullptr);
  /// \p Store holds \p S (a callee's effect, resolved at the call).
  void assign(StoreState S);

  /// A guard for \p Store begins: it saves the store's state, and makes a
  /// value current unless it only restores.
  void beginGuard(const VarDecl *Guard, const StoreRef &Store, bool RestoresOnly);
  /// A guard's destructor runs: its store gets back what the guard saved.
  void endGuard(const VarDecl *Guard);
  /// A guard is let go without being destroyed (`token.release()`): its
  /// scope never ends. Returns the store it held, if it was live.
  std::optional<StoreRef> releaseGuard(const VarDecl *Guard);
  /// Whether a live guard that only restores will end \p Store's value.
  bool restoredByGuard(const StoreRef &Store) const;
  /// Whether any live guard of \p Store will put back, when it ends, what
  /// was current before it (whatever is made current meanwhile).
  bool guardedBy(const StoreRef &Store) const;

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
  /// What a live scope guard saved when it was made.
  struct SavedByGuard {
    StoreState Before;
    /// The guard sets nothing and only restores (RoleTrait RestoresOnly).
    bool RestoresOnly = false;
  };

  StoreState &at(const StoreRef &Store);

  StoreState Default;
  llvm::SmallMapVector<const void *, StoreState, 4> Stores;
  llvm::SmallMapVector<const VarDecl *, SavedByGuard, 2> Guards;
  SourceLocation SuspendedAt;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_SCOPELATTICE_H

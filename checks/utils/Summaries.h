//===--- Summaries.h - asyncctx-tidy --------------------------------------===//
//
// What a function's callers need to know of it, as the scope dataflow
// computes it bottom-up over the call graph (utils/ScopeAnalysis):
//
//   needs    the stores it reads where its state is its caller's: each with
//            the path down to the read, so that a caller with no scope can
//            report it
//   effects  what it leaves behind for the stores it changes
//   entry    how it is entered, where that decides its state (`main`, an
//            invocation, a thread's callable)
//
// These are plain data: utils/SummaryRecords writes them, with what a
// function returns from a store, in a stable text form that can be read back
// in another process.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_SUMMARIES_H
#define ASYNCCTX_TIDY_UTILS_SUMMARIES_H

#include "ScopeLattice.h"

#include "llvm/ADT/DenseMapInfo.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class Expr;
class FunctionDecl;

namespace tidy::asyncctx {

/// How a function is entered, where that tells whether a scope is active
/// (utils/FunctionIndex decides it, once).
enum class EntryKind : uint8_t {
  None,       ///< an ordinary function: its callers decide
  Main,       ///< `main`: no scope is active
  Invocation, ///< ASYNCCTX_INVOCATION, configured, or handed to a runner: starts with no value
  Thread,     ///< handed to a thread start: starts with no value
};

/// One call on the way from a function down to a read.
struct ChainLink {
  const FunctionDecl *Caller = nullptr; ///< the function that makes the call
  const FunctionDecl *Callee = nullptr; ///< the function called
  SourceLocation CallLoc;
};

/// A read of a store and the calls that reach it: from a first call (or the
/// read itself) down to the call of the READ function.
struct ReadPath {
  StoreRef Store;
  /// The calls on the way, the first one first; empty for a read made where
  /// the path starts.
  llvm::SmallVector<ChainLink, 4> Links;
  SourceLocation ReadLoc;                     ///< the call of the READ function
  const FunctionDecl *ReadFunction = nullptr; ///< the READ function

  /// Where the path starts: its first call, or the read.
  SourceLocation start() const { return Links.empty() ? ReadLoc : Links.front().CallLoc; }
  /// The function called where the path starts.
  const FunctionDecl *startCallee() const {
    return Links.empty() ? ReadFunction : Links.front().Callee;
  }
  /// This path, reached through a call of \p Callee in \p Caller at \p Loc.
  ReadPath through(const FunctionDecl *Caller, const FunctionDecl *Callee,
                   SourceLocation Loc) const;
};

/// Tells a function's needs apart: by store, and whether the read comes
/// after the coroutine's first suspension (where the scope of a RUN that
/// called it has ended: utils/ScopeDataflow).
struct NeedKey {
  const void *Store = nullptr;
  bool AfterSuspension = false;
  bool operator==(const NeedKey &Other) const {
    return Store == Other.Store && AfterSuspension == Other.AfterSuspension;
  }
};

/// A function's need: it reads a store where its state is its caller's.
struct Need {
  /// From the function's own read, or its call that leads there.
  ReadPath Path;
  /// For a read after a suspension: the first suspension.
  SourceLocation SuspendedAt;
};

using NeedMap = llvm::MapVector<NeedKey, Need>;

/// What a function leaves behind for the stores it changes: In where it
/// entered them, No where a DISABLE cleared them, Entry where some path left
/// them as the caller had them. Its callers continue from there.
using EffectList = llvm::SmallVector<StoreState, 2>;

/// A store that a callee's summary names by one of its parameters is, at a
/// call, the store passed for it (\p Args: one for each of \p Callee's
/// parameters); any other store is itself.
StoreRef storeAtCall(const StoreRef &Store, const FunctionDecl *Callee,
                     llvm::ArrayRef<const Expr *> Args);

/// A function's summary, as its callers see it.
struct Summary {
  NeedMap Needs;
  EffectList Effects;
  /// An exception can leave it: a `throw` that no try block of its own
  /// holds, or a call of such a function outside one.
  bool MayThrow = false;

  /// Joins what one analysis of the function found into this summary (needs,
  /// effect kinds and MayThrow only grow, so iterating a recursive group
  /// ends); true if this changed.
  bool join(const NeedMap &FoundNeeds, const EffectList &FoundEffects, bool FoundMayThrow);
};

/// The summaries of the functions analysed so far, by canonical declaration.
using SummaryMap = llvm::DenseMap<const FunctionDecl *, Summary>;

} // namespace tidy::asyncctx
} // namespace clang

namespace llvm {
template <> struct DenseMapInfo<clang::tidy::asyncctx::NeedKey> {
  using Key = clang::tidy::asyncctx::NeedKey;
  static Key getEmptyKey() { return {DenseMapInfo<const void *>::getEmptyKey(), false}; }
  static Key getTombstoneKey() { return {DenseMapInfo<const void *>::getTombstoneKey(), false}; }
  static unsigned getHashValue(const Key &K) {
    return DenseMapInfo<const void *>::getHashValue(K.Store) * 2 + K.AfterSuspension;
  }
  static bool isEqual(const Key &A, const Key &B) { return A == B; }
};
} // namespace llvm

#endif // ASYNCCTX_TIDY_UTILS_SUMMARIES_H

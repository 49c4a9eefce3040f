//===--- FunctionIndex.h - asyncctx-tidy ----------------------------------===//
//
// One traversal of the user's code (system headers skipped) that indexes
// what the scope analysis needs: every function body (lambda call operators
// and template instantiations included, template patterns not), whom each
// calls and which callables it hands on (utils/Callables), how each function
// is entered, and the namespace-scope variables. The same traversal feeds
// utils/PlaceFinder, which collects the single places the checks report.
//
// A function is *relevant* when it touches a store (calls a role function,
// declares a guard, starts a thread) or calls a relevant function; nothing
// else is analysed further.
//
// In a translation unit with errors, the functions clang could not build
// whole, and their users, are left out (utils/CodeWithErrors).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_FUNCTIONINDEX_H
#define ASYNCCTX_TIDY_UTILS_FUNCTIONINDEX_H

#include "Summaries.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include <vector>

namespace clang {
class VarDecl;

namespace tidy::asyncctx {

struct AnalysisContext;
class PlaceFinder;

struct FunctionInfo {
  const FunctionDecl *FD = nullptr;
  bool TouchesStore = false;
  bool Relevant = false;
  bool AddressEscapes = false;
  EntryKind Entry = EntryKind::None;
  /// Every run of it begins as that entry point: nothing else calls it.
  bool EntryOnly = true;
  /// Handed to BIND: it runs with the store as it was at the bind, which is
  /// where it is evaluated, not where the bound callable is called.
  bool Bound = false;
  /// The facts of the program say who calls it, all of them (utils/
  /// ImportedFacts): its callers are known even where this file alone
  /// would not know them.
  bool CallersKnown = false;
  llvm::SmallSetVector<const FunctionDecl *, 4> Callees; ///< calls and callables handed on
  llvm::SmallSetVector<const FunctionDecl *, 4> Callers;
  /// The callables it hands to an invocation runner (no callees: they start
  /// afresh).
  llvm::SmallSetVector<const FunctionDecl *, 1> Invocations;
  /// An exception can leave it: a `throw` outside any try block of its own,
  /// or a call outside one of a function that may throw (of this file, or
  /// of another whose facts say so); never for a noexcept function (the
  /// program ends instead).
  bool MayThrow = false;
  /// The callees it calls outside any try block of its own.
  llvm::SmallSetVector<const FunctionDecl *, 4> CalleesOutsideTry;
  bool Throws = false; ///< a `throw` outside any try block of its own
};

class FunctionIndex {
public:
  /// Indexes the translation unit; the single places go to \p Places.
  FunctionIndex(AnalysisContext &Context, PlaceFinder &Places);

  llvm::MapVector<const FunctionDecl *, FunctionInfo> Functions;
  /// Namespace-scope variables and static data members with an initializer
  /// or a class type (their initializers and destructors run outside main).
  std::vector<const VarDecl *> Globals;
  /// Functions without a body here whose address escapes (canonical).
  llvm::SmallSetVector<const FunctionDecl *, 4> EscapingElsewhere;
  /// Functions without a body here that the analysis follows into other
  /// files (utils/ProgramFacts): calls of them are steps, as calls of a
  /// relevant function of this file are. Canonical.
  llvm::DenseSet<const FunctionDecl *> Elsewhere;
  /// Local variables assigned after their initialization: what initialised
  /// them is not all they hold.
  llvm::DenseSet<const VarDecl *> Reassigned;
  /// Local variables given a scope guard by assignment, to themselves or to
  /// a member (`request.token = Attach(ctx)`): the scope lasts while they do.
  llvm::DenseSet<const VarDecl *> GuardHolders;

  /// Functions of other files whose facts say an exception can leave them
  /// (utils/ImportedFacts). Canonical.
  llvm::DenseSet<const FunctionDecl *> ThrowsElsewhere;

  /// FunctionInfo::MayThrow: from the functions that throw, or call one of
  /// ThrowsElsewhere, to their callers outside try blocks, but not through
  /// a noexcept function. Only ever adds: run again after ThrowsElsewhere
  /// grows.
  void propagateThrows();

  /// The function's entry in the index, if it has a body here.
  FunctionInfo *find(const FunctionDecl *FD);
  const FunctionInfo *find(const FunctionDecl *FD) const;
  /// Whether \p Info's callers are not all known here (StrictMode).
  static bool hasUnknownCallers(const FunctionInfo &Info);
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_FUNCTIONINDEX_H

//===--- PlaceFinder.h - asyncctx-tidy ------------------------------------===//
//
// The single places that some checks report without any flow: values kept
// in static storage (the candidates: utils/ScopeAnalysis tells which keep a
// store's value), guards that never end or cover nothing, null tests of a
// read that never returns null, and every ENTER_WITH call with the function
// or static initializer that makes it (the flow reports those it analyses;
// these are for the rest, such as templates never instantiated).
// utils/FunctionIndex's traversal hands each node here, so no check needs an
// AST matcher of its own that would run over every node of the standard
// library.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_PLACEFINDER_H
#define ASYNCCTX_TIDY_UTILS_PLACEFINDER_H

#include "DeferredPlaces.h"
#include "ScopeFacts.h"

#include "llvm/ADT/DenseSet.h"

namespace clang {
class CXXCtorInitializer;
class CXXNewExpr;
class FieldDecl;
class Stmt;

namespace tidy::asyncctx {

struct AnalysisContext;

/// A value put into a variable of namespace, static or thread storage.
struct StaticStore {
  const Expr *Value = nullptr;
  const VarDecl *Target = nullptr;
  SourceLocation Loc; ///< the assignment, or the variable initialized
  /// The function whose code does it (canonical); null outside functions.
  const FunctionDecl *Function = nullptr;
};

/// An ENTER_WITH call as the traversal saw it.
struct EnterWithCall {
  const CallExpr *Call = nullptr;
  const FunctionDecl *Function = nullptr; ///< canonical; null outside functions
  const VarDecl *StaticInit = nullptr;
  bool InPattern = false;
};

/// What the places found, for utils/ScopeAnalysis to complete.
struct Places {
  std::vector<StaticStore> StaticStores;
  std::vector<KeptGuardFact> KeptGuards;
  std::vector<DiscardedGuardFact> DiscardedGuards;
  std::vector<NeverNullTestFact> NeverNullTests;
  std::vector<EnterWithCall> EnterWithCalls;
  /// Deferred work (utils/DeferredPlaces).
  std::vector<UncarriedWorkFact> UncarriedWork;
  std::vector<KeptSnapshotFact> KeptSnapshots;
};

class PlaceFinder {
public:
  explicit PlaceFinder(AnalysisContext &Context);

  /// A variable: kept values and guards of static storage.
  void variable(const VarDecl *VD);
  /// A data member's initializer in a constructor.
  void memberInitializer(const CXXCtorInitializer *Init);
  /// `Target = Value`, in \p Function (null outside functions).
  void assignment(const Expr *Target, const Expr *Value, SourceLocation Loc,
                  const FunctionDecl *Function);
  /// \p Tested converted to bool (in a function): `if (p)`, `!p`,
  /// `bool b = p;`, `CHECK(p)`.
  void nullTest(const Expr *Tested);
  /// `LHS == RHS` or `LHS != RHS` (in a function).
  void nullComparison(const Expr *LHS, const Expr *RHS);
  void newExpr(const CXXNewExpr *New);
  /// A call in \p Function (null outside functions), in the initializer of
  /// \p StaticInit if that is not null; \p InPattern: in a template's
  /// pattern (whose callee, if known, is known without instantiation).
  void call(const CallExpr *Call, const FunctionDecl *Function, const VarDecl *StaticInit,
            bool InPattern = false);
  /// A local variable of a template's pattern \p Function.
  void patternVariable(const VarDecl *VD, const FunctionDecl *Function);
  /// A statement of a block (in a function).
  void blockStatement(const Stmt *S);

  /// After the traversal: what was found, with the null tests of \p
  /// Reassigned variables and the guards their own class ends left out.
  Places finish(const llvm::DenseSet<const VarDecl *> &Reassigned);

  /// The ENTER_WITH fact of \p Call, found in a template never instantiated:
  /// none where an instantiation speaks for it. Its Closed comes from the
  /// order of the calls in the source (there is no flow analysis there).
  std::optional<EnterWithFact> patternFact(const EnterWithCall &Call) const;

private:
  void keptInMember(const Expr *Target, const Expr *Value, SourceLocation Loc);
  void keptStatic(const Expr *Value, const VarDecl *Target, SourceLocation Loc,
                  const FunctionDecl *Function);

  /// Scope guards kept in a data member of a class that ends them in one of
  /// its own member functions: a scope owned by the object.
  bool endedByOwnMember(const FieldDecl *Member);

  ASTContext &Ctx;
  const RoleLayer &Roles;
  Places Found;
  DeferredPlaces Deferred;
  /// DISABLE calls in template patterns, with the function that makes each.
  std::vector<std::pair<const CallExpr *, const FunctionDecl *>> PatternDisables;
  /// Guards that only restore, declared in template patterns.
  std::vector<std::pair<const VarDecl *, const FunctionDecl *>> PatternSavers;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_PLACEFINDER_H

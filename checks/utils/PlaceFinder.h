//===--- PlaceFinder.h - asyncctx-tidy ------------------------------------===//
//
// The single places that some checks report without any flow: values kept
// in static storage, guards that never end or cover nothing, ENTER_WITH in
// a static initializer, null tests of a read that never returns null, and
// the list of ENTER_WITH calls. utils/FunctionIndex's traversal hands each
// node here, so no check needs an AST matcher of its own that would run
// over every node of the standard library.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_PLACEFINDER_H
#define ASYNCCTX_TIDY_UTILS_PLACEFINDER_H

#include "ScopeAnalysis.h"

#include "llvm/ADT/DenseSet.h"

namespace clang {
class CXXCtorInitializer;
class FieldDecl;
class Stmt;

namespace tidy::asyncctx {

class PlaceFinder {
public:
  PlaceFinder(ASTContext &Ctx, ScopeFacts &Places) : Ctx(Ctx), Places(Places) {}

  /// A variable: kept values and guards of static storage.
  void variable(const VarDecl *VD);
  /// A data member's initializer in a constructor.
  void memberInitializer(const CXXCtorInitializer *Init);
  /// `Target = Value`.
  void assignment(const Expr *Target, const Expr *Value, SourceLocation Loc);
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

  /// After the analysis: the ENTER_WITH calls that no manual scope bounds
  /// (\p RestoredByGuard: those made inside a guard that only restores).
  void finish(const llvm::DenseSet<const CallExpr *> &RestoredByGuard);

private:
  void keptInMember(const Expr *Target, const Expr *Value, SourceLocation Loc);
  void keptStatic(const Expr *Value, const VarDecl *Target, SourceLocation Loc);

  /// Scope guards kept in a data member of a class that ends them in one of
  /// its own member functions: a scope owned by the object.
  bool endedByOwnMember(const FieldDecl *Member);

  ASTContext &Ctx;
  ScopeFacts &Places;
  /// Local variables assigned after their initialization: a null test of one
  /// no longer tests what initialised it.
  llvm::DenseSet<const VarDecl *> Reassigned;
  /// ENTER_WITH and DISABLE calls, with the function that makes each.
  std::vector<std::pair<const CallExpr *, const FunctionDecl *>> EnterWithCalls, DisableCalls;
  /// The ENTER_WITH calls found in template patterns.
  llvm::DenseSet<const CallExpr *> PatternCalls;
  /// Guards that only restore, declared in template patterns.
  std::vector<std::pair<const VarDecl *, const FunctionDecl *>> PatternSavers;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_PLACEFINDER_H

//===--- RunRewrite.h - asyncctx-tidy -------------------------------------===//
//
// Plans the rewrite of an unscoped ENTER_WITH call into the scoped RUN of the
// same store:
//
//   s.enter_with(v);            s.run(v, [&] {
//   A;                   =>       A;
//   B;                            B;
//                               });
//
// The wrapped statements are the rest of the enclosing block, or the
// statements up to a later DISABLE of the same store in that block, which is
// then removed. When the block is a function's body and the function returns
// a value, the call becomes `return s.run(v, [&]() -> R { ... });`.
//
// The plan only says what the edits are, or why there can be none (a
// reason the check words); whether they go on the warning or on a note is
// the check's decision. It takes the function from the ENTER_WITH's fact and
// never asks clang's parent map of the whole translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_RUNREWRITE_H
#define ASYNCCTX_TIDY_UTILS_RUNREWRITE_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class CompoundStmt;
class FunctionDecl;
class NamedDecl;
class ParentMap;
class Stmt;

namespace tidy::asyncctx {

class RoleLayer;
struct EnterWithFact;

/// Why there can be no rewrite into RUN; the check words it (with Subject
/// and Word), and shows it at At.
struct RewriteRefusal {
  enum class Reason : uint8_t {
    None,
    NoRunMember,          ///< the store's class has no RUN member (Word: a configured store)
    CallInMacro,          ///< the call is in a macro expansion
    NotOneArgument,       ///< Subject (the ENTER_WITH) is not called with one argument
    ResultUsed,           ///< the call's result is used
    NothingFollows,       ///< nothing follows the call in its block
    NotAStatement,        ///< the call is not a statement of its block
    NotInFunction,        ///< not in the body of a function or lambda
    InsideAnotherRewrite, ///< an ENTER_WITH before it (Subject) would wrap it
    NothingBeforeDisable, ///< no statement between it and the DISABLE (Subject)
    RegionInMacro,        ///< the wrapped statements begin or end inside a macro
    DisableInMacro,       ///< the DISABLE (Subject) that ends them is inside a macro
    CrossesConditional,   ///< they cross a preprocessor conditional (Word: its directive)
    LeavesLambda,         ///< `break` or `continue` (Word) would leave the lambda
    LabelInLambda,        ///< a `case` or `default` label (Word) would be inside the lambda
    ReturnFromLambda,     ///< a `return` would leave the lambda, not Subject (null: a lambda)
    CoroutineKeyword,     ///< they contain `co_await`, `co_yield` or `co_return` (Word)
    Jump,                 ///< they contain `goto`, a label or a label address (Word)
    NamesFunction,        ///< `__func__` or the like (Word) would name the lambda
    AnotherEnterWith,     ///< they contain another ENTER_WITH (Subject)
    StructuredBinding,    ///< binding Subject cannot be captured before C++20
    UsedAfterDisable,     ///< Subject, declared among them, is used after the DISABLE
    MainWithoutReturn,    ///< `main` can reach its end without `return` after them
  };
  Reason Why = Reason::None;
  SourceLocation At;
  const NamedDecl *Subject = nullptr;
  /// For UsedAfterDisable: the DISABLE function.
  const NamedDecl *Other = nullptr;
  std::string Word;
};

struct RunRewrite {
  /// The edits; empty when the rewrite is refused.
  std::vector<FixItHint> Edits;
  RewriteRefusal Refusal;
  /// The RUN member the rewrite calls.
  const NamedDecl *RunMember = nullptr;

  /// The wrapped statements run to the end of the function's body: nothing
  /// after them in the function can observe the change.
  bool ReachesFunctionEnd = false;
  /// A DISABLE of the same store ends the wrapped statements: after them the
  /// store is empty, before and after the rewrite alike.
  bool EndsAtDisable = false;

  bool refused() const { return Refusal.Why != RewriteRefusal::Reason::None; }
  /// In a function entered with no value current, the rewrite cannot change
  /// what any read observes: the wrapped statements end the function, or end
  /// at a DISABLE, so nothing after them saw the value before either.
  bool safeInEntryPoint() const { return !refused() && (ReachesFunctionEnd || EndsAtDisable); }
};

/// What the planner learns once: of a block, each statement's position, the
/// ENTER_WITH calls open before it, where each store's DISABLE calls are (so
/// that planning every call of a long block stays linear in its length); of
/// a function, the parents of its statements (only of the functions that
/// have a call to rewrite: never the whole translation unit's). One cache
/// serves one translation unit.
class RunRewriteCache {
public:
  explicit RunRewriteCache(const RoleLayer &Roles);
  ~RunRewriteCache();
  RunRewriteCache(const RunRewriteCache &) = delete;
  RunRewriteCache &operator=(const RunRewriteCache &) = delete;

  const RoleLayer &roles() const { return Roles; }

  struct BlockInfo;
  const BlockInfo &info(const CompoundStmt *Block);
  /// The parents of the statements of the body that holds \p S, a
  /// statement of \p Function: of the function that \p Function (a lambda)
  /// is written in, lambdas included, else of \p Function's own.
  const ParentMap &parents(const FunctionDecl *Function, const Stmt *S);

private:
  const RoleLayer &Roles;
  llvm::DenseMap<const CompoundStmt *, std::unique_ptr<BlockInfo>> Blocks;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ParentMap>> Parents;
};

/// Plans the rewrite of the ENTER_WITH call of \p Fact, in Fact.Function.
RunRewrite planRunRewrite(const EnterWithFact &Fact, ASTContext &Ctx, RunRewriteCache &Cache);

/// The edits that wrap the callable \p Callable in `<Store>.bind(...)`; none
/// where it begins or ends in a macro or spans files.
std::vector<FixItHint> bindWrapEdits(const Expr *Callable, llvm::StringRef Store,
                                     const ASTContext &Ctx);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_RUNREWRITE_H

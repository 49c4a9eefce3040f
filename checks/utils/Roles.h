//===--- Roles.h - asyncctx-tidy ------------------------------------------===//
//
// The one place that answers "what role does this declaration play in a
// context-store API, and which store does this call refer to?". Every check
// asks here; no check looks at a function's spelling on its own.
//
// Roles come from `[[clang::annotate("asyncctx::<role>")]]`, written through
// the macros of include/asyncctx/annotations.h, or from the configuration
// (utils/RoleConfig: names per role, built-in profiles) for libraries that
// cannot be annotated; a RoleLayer answers for one configuration. A role
// found on a template pattern, on any redeclaration, or on a virtual method
// that a method overrides, holds for the declaration too; an annotation wins
// over a configured name.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_ROLES_H
#define ASYNCCTX_TIDY_UTILS_ROLES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class NamedDecl;
class CXXMethodDecl;
class CXXRecordDecl;
class Decl;
class ValueDecl;
class VarDecl;
struct PrintingPolicy;

namespace tidy::asyncctx {

/// The roles of the annotation vocabulary (listed once, in Roles.def).
enum class Role {
#define ASYNCCTX_ROLE(Name, Annotation, Macro, Key, On, Lists, Summary) Name,
#include "Roles.def"
};

/// What Roles.def says of one role.
struct RoleInfo {
  Role R;
  llvm::StringLiteral Annotation, Macro, Key, On, Lists, Summary;
};

/// Every role, in the order of Roles.def.
llvm::ArrayRef<RoleInfo> allRoles();

/// Whether a function or class of role \p R refers to a store (a call of it
/// names one); a store itself, an invocation, a spawn and a task type do not.
bool refersToStore(Role R);

/// The role's name as spelled after "asyncctx::" in the annotation.
llvm::StringRef roleName(Role R);

/// The store a call or scope guard refers to: the store object when the code
/// names one (so two stores of one type are told apart), else the store
/// class, which stands for every store of that class.
/// A store that configuration names (`folly::RequestContext`), which
/// has no object or class in the code, is told apart by that name.
struct StoreRef {
  const ValueDecl *Object = nullptr;
  const CXXRecordDecl *Class = nullptr;
  /// The configured store's name, interned by utils/RoleConfig.
  llvm::StringRef Named;

  explicit operator bool() const { return Object || Class || !Named.empty(); }
  /// What tells stores apart: the object's canonical declaration, else the
  /// configured name, else the class's canonical declaration.
  const void *key() const;
  /// 'claims_storage' for an object, 'asyncctx::context_store<Claims>' for a
  /// class, the name for a configured store.
  std::string name(const PrintingPolicy &Policy) const;
};

class RoleConfig;
struct ConfiguredRole;

/// The role layer of one translation unit: what role a declaration or a call
/// plays, and which store it refers to, from the annotations and the
/// configuration. Every part of the analysis asks one of these, made with the
/// translation unit's analysis (utils/AnalysisContext); it remembers each
/// declaration's role, since most calls ask about the same few functions.
class RoleLayer {
public:
  explicit RoleLayer(const RoleConfig &Config);
  ~RoleLayer();
  RoleLayer(const RoleLayer &) = delete;
  RoleLayer &operator=(const RoleLayer &) = delete;

  const RoleConfig &config() const { return Config; }

  /// The role a function or class plays, from its annotation or from the
  /// configuration, if any.
  std::optional<Role> roleOf(const Decl *D) const;

  /// The configured role of \p D, when its role comes from the configuration
  /// rather than an annotation (for the store it names and its traits).
  std::optional<ConfiguredRole> configuredRole(const Decl *D) const;

  /// Whether \p D has the configured trait \p Trait (utils/RoleConfig.h); an
  /// annotated function can be given one by name too.
  bool hasTrait(const Decl *D, unsigned Trait) const;

  /// The function a call calls: its direct callee, or, in a template that is
  /// not instantiated, where only the arguments are type-dependent, the one
  /// that a qualified name without ADL names when every overload it names
  /// plays the same role for the same store (`RequestContext::setContext(x)`).
  const FunctionDecl *knownCallee(const CallExpr *Call) const;

  /// The role a call plays. Usually its callee's; but an ENTER_WITH call plays
  /// DISABLE where
  ///  - it puts back the value that an earlier ENTER_WITH (one that returns
  ///    the value it replaced, as folly's setContext does) or SNAPSHOT of the
  ///    same store returned, kept in a local variable (a manual restore), or
  ///  - its value (the last argument) is null or empty: a null pointer
  ///    constant, `{}`, a default- or null-constructed object, or a `const`
  ///    local variable initialised with one (clearing is not entering).
  std::optional<Role> roleOfCall(const CallExpr *Call) const;

  /// The store that a call of a role function refers to: the object it is
  /// called on when that names a variable or member (following references
  /// bound to one), else the class that declares the function.
  StoreRef storeOfCall(const CallExpr *Call) const;

  /// The store a scope guard refers to: the store passed to its constructor
  /// (or to the function that returns it), or the configured store.
  StoreRef storeOfGuard(const Expr *Guard) const;

  /// Whether the scope guard that \p Guard makes (guardExpr) is given a null
  /// or empty value (`RequestContextScopeGuard g{std::shared_ptr<...>{}}`):
  /// it clears its store until it ends, as a set of nothing plays DISABLE.
  bool guardClears(const Expr *Guard) const;

  /// The callable parameters that \p FD, a function of the translation unit
  /// that plays no role, keeps for later (utils/DeferredWork): bit I for
  /// parameter I. A callable given for one of them is kept, as if it were put
  /// into a long-lived object at the call.
  unsigned keptParameters(const FunctionDecl *FD) const;

  /// Whether \p FD, a function of the translation unit that plays no role,
  /// takes a snapshot of the context itself (calls a SNAPSHOT function, or a
  /// function that does, three calls deep at most): a queue that saves the
  /// context with each item it is given carries it.
  bool takesSnapshot(const FunctionDecl *FD) const;

  /// The construction or call that makes a scope guard, if \p E (looking
  /// through temporaries, conversions and casts) is one: the construction of
  /// a SCOPE_GUARD class, or a call of a function that returns one.
  const Expr *guardExpr(const Expr *E) const;

  /// The member of \p StoreClass (or of its bases) that plays role \p R, if
  /// one does; used to name and build the scoped alternative to a call.
  const CXXMethodDecl *findMemberWithRole(const CXXRecordDecl *StoreClass, Role R) const;

private:
  /// What was found for one declaration.
  struct Known {
    std::optional<Role> R;
    /// From the configuration, with its store filled in.
    const ConfiguredRole *Configured = nullptr;
    llvm::StringRef Store;
  };
  const Known &known(const Decl *D) const;
  /// The one copy of a store's name: the configuration's, or this layer's.
  llvm::StringRef storeName(llvm::StringRef Name) const;
  const ConfiguredRole *findConfigured(const Decl *D) const;
  StoreRef configuredStore(const ConfiguredRole &Configured, const CallExpr *Call) const;
  const VarDecl *restoredVariable(const CallExpr *Call) const;

  const RoleConfig &Config;
  mutable llvm::DenseMap<const Decl *, Known> Cache;
  mutable llvm::DenseMap<const FunctionDecl *, unsigned> KeptParams;
  mutable llvm::DenseMap<const FunctionDecl *, bool> TakesSnapshot;
  mutable unsigned SnapshotDepth = 0;
  mutable llvm::StringSet<> StoreNames;
};

/// What a call does to a scope guard held in a smart pointer (an
/// OpenTelemetry token in `nostd::unique_ptr<Token>`): `reset()` or
/// `= nullptr` destroys it, ending its scope; `release()` lets it go without
/// destroying it, so its scope never ends.
enum class TokenOp : uint8_t { None, Reset, Release };
struct TokenCall {
  TokenOp Op = TokenOp::None;
  /// The expression that holds the token (`token_`, `request.token`).
  const Expr *Holder = nullptr;
};
TokenCall tokenCall(const CallExpr *Call, ASTContext &Ctx);

/// The local variable that \p E is, or whose member (through `.`) it is.
const VarDecl *localRoot(const Expr *E);

/// The store an expression denotes: the variable or member it names
/// (following references bound to one), and its class (through a pointer).
StoreRef storeOfExpr(const Expr *E);

/// The member of \p StoreClass (or of its bases) that plays role \p R, if
/// one does; used to name and build the scoped alternative to a call.
const CXXMethodDecl *findMemberWithRole(const CXXRecordDecl *StoreClass, Role R);

/// How diagnostics name a function: 'list', or "the lambda" for a lambda's
/// call operator.
std::string describeFunction(const FunctionDecl *FD);

/// The qualified name of \p D as a user writes it: no anonymous namespaces,
/// no template arguments, and no inline namespaces unless \p WithInline
/// (`aws::lambda_runtime::run_handler`).
std::string qualifiedName(const NamedDecl *D, bool WithInline = false);

/// Whether \p D's qualified name is one of \p Names (a leading `::` in a
/// name is ignored).
bool hasQualifiedName(const NamedDecl *D, llvm::ArrayRef<std::string> Names);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_ROLES_H

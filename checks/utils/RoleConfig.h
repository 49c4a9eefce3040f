//===--- RoleConfig.h - asyncctx-tidy -------------------------------------===//
//
// Roles for libraries whose headers cannot be annotated: qualified names per
// role from the `.clang-tidy` CheckOptions, and built-in profiles switched
// on by name. The keys are global (no check name in them), so one setting
// serves every asyncctx check:
//
//   asyncctx.Profiles                 profiles to switch on ('-name' switches
//                                     one off); default 'aws-lambda'
//   asyncctx.Stores, asyncctx.RunFunctions, ...
//                                     one key per role (utils/Roles.def)
//   asyncctx.InvocationRunners        functions whose callable arguments are
//                                     invocations
//   asyncctx.NeverEmptyReads          READ functions that return a default,
//                                     never null, where no scope is active
//
// Each value is a semicolon-separated list of qualified names, matched with
// or without inline namespaces. A configured name refers to the store named
// after '=' (`folly::RequestContextScopeGuard=folly::RequestContext`), else
// to the class or namespace that declares it (without inline namespaces,
// however the name was written).
//
// A configuration is made once from the option values and never changes: it
// owns the one copy of every store name it knows, so two configured names
// refer to the same store exactly when their store names are the same
// pointer. Nothing here is global: utils/AnalysisSession shares one
// configuration among the checks that read the same values.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_ROLECONFIG_H
#define ASYNCCTX_TIDY_UTILS_ROLECONFIG_H

#include "Roles.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::asyncctx {

/// What a configured role says beyond the annotation vocabulary (a set of
/// these is a configured role's Traits).
enum RoleTrait : unsigned {
  /// READ that never returns null or empty: outside a scope it returns a
  /// default (folly's RequestContext::get, OpenTelemetry's
  /// RuntimeContext::GetCurrent). Calling it there is no defect; a null test
  /// of what it returns tells nothing. Key asyncctx.NeverEmptyReads.
  NeverNull = 1,
  /// SCOPE_GUARD that sets nothing and restores, when destroyed, what was
  /// current when it was made (folly's RequestContextSaverScopeGuard).
  RestoresOnly = 4,
};

/// A role that the configuration gives to a name.
struct ConfiguredRole {
  Role R;
  /// The store it refers to: the configuration's own copy of its name. Empty
  /// in the configuration where no store is named: the store is then the
  /// class or namespace that declares it, which the role layer fills in from
  /// the declaration (and empty for a role that names no store, as SPAWN).
  llvm::StringRef Store;
  unsigned Traits = 0;

  bool has(RoleTrait Trait) const { return Traits & Trait; }
};

class RoleConfig {
public:
  /// The configuration that \p Options describe. Problems go to \p Errors,
  /// one sentence each; the configuration then holds what was valid.
  static std::shared_ptr<const RoleConfig> get(const ClangTidyOptions::OptionMap &Options,
                                               std::vector<std::string> &Errors);

  /// What tells two sets of option values apart: equal fingerprints make
  /// equal configurations (utils/AnalysisSession shares them by it).
  static std::string fingerprint(const ClangTidyOptions::OptionMap &Options);

  /// Every key the configuration reads.
  static std::vector<llvm::StringRef> keys();

  /// One sentence for each key of \p Options that looks like an asyncctx
  /// key (`asyncctx.X`, or `<check>.asyncctx.X`) but is none, with the key
  /// it is most likely a misspelling of.
  static std::vector<std::string> unknownKeys(const ClangTidyOptions::OptionMap &Options);

  /// Writes every key back, as read or defaulted, for --dump-config.
  void store(ClangTidyOptions::OptionMap &Options) const;

  /// The role configured for \p D's qualified name, if any.
  const ConfiguredRole *find(const NamedDecl *D) const;
  /// The traits configured for \p D's qualified name (an annotated READ
  /// listed in asyncctx.NeverEmptyReads has NeverNull).
  unsigned traitsOf(const NamedDecl *D) const;

  llvm::ArrayRef<std::string> invocationRunners() const { return Runners; }
  llvm::ArrayRef<std::string> invocationFunctions() const { return Invocations; }

  /// How a diagnostic names the scoped way to set \p Store
  /// ("'folly::RequestContextScopeGuard'"), or empty when there is none.
  llvm::StringRef scopedAlternative(llvm::StringRef Store) const;

  /// The configuration's copy of a store's name, if it names that store.
  llvm::StringRef knownStoreName(llvm::StringRef Name) const;

  /// For a NeverNull read: the function that does return null outside a
  /// scope, if the library has one.
  llvm::StringRef nullableAlternative(const NamedDecl *Read) const;

private:
  /// The configuration's copy of a store's name.
  llvm::StringRef storeName(llvm::StringRef Name);
  void addProfiles(const ClangTidyOptions::OptionMap &Options, std::vector<std::string> &Errors);
  /// Gives \p Name role \p R; its store is \p Store, or the class or
  /// namespace that declares it as the name is written.
  void add(llvm::StringRef Name, Role R, llvm::StringRef Store, unsigned Traits);
  /// Reads the names under \p Key for role \p R (no role: the invocation
  /// runners).
  void parseKey(const ClangTidyOptions::OptionMap &Options, llvm::StringRef Key,
                std::optional<Role> R, std::vector<std::string> &Errors);
  /// Reads asyncctx.NeverEmptyReads (after the role keys: it adds a trait).
  void parseNeverEmpty(const ClangTidyOptions::OptionMap &Options, std::vector<std::string> &Errors);

  /// Every key's value as written, or its default.
  std::vector<std::pair<std::string, std::string>> Values;
  llvm::StringMap<ConfiguredRole> ByName;
  llvm::StringMap<std::string> Alternatives, NullableAlternatives;
  /// Scoped alternatives of stores named by their declaring scope, as the
  /// configuration writes it.
  std::vector<std::pair<std::string, std::string>> ScopeAlternatives;
  std::vector<std::string> Runners, Invocations;
  llvm::StringSet<> StoreNames;
};

} // namespace clang::tidy::asyncctx

#endif // ASYNCCTX_TIDY_UTILS_ROLECONFIG_H

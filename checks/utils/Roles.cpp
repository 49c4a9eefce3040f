//===--- Roles.cpp - asyncctx-tidy ----------------------------------------===//

#include "Roles.h"
#include "Compat.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::asyncctx {

static constexpr llvm::StringLiteral AnnotationPrefix = "asyncctx::";

static constexpr RoleInfo Roles[] = {
#define ASYNCCTX_ROLE(Name, Annotation, Macro, Key, On, Lists, Summary)                                 \
  {Role::Name, Annotation, Macro, Key, On, Lists, Summary},
#include "Roles.def"
};

llvm::ArrayRef<RoleInfo> allRoles() { return Roles; }

bool refersToStore(Role R) {
  return R != Role::Store && R != Role::Invocation && R != Role::Spawn &&
         R != Role::RunsInPlace && R != Role::CarriesContext && R != Role::Executor &&
         R != Role::CapturesContext;
}

llvm::StringRef roleName(Role R) { return Roles[static_cast<unsigned>(R)].Annotation; }

static std::optional<Role> parseRole(llvm::StringRef Name) {
  for (const RoleInfo &Info : Roles)
    if (Info.Annotation == Name)
      return Info.R;
  return std::nullopt;
}

/// The role written on this very declaration (or inherited onto it).
static std::optional<Role> ownRole(const Decl *D) {
  if (!D->hasAttrs())
    return std::nullopt;
  for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
    llvm::StringRef Text = A->getAnnotation();
    if (Text.consume_front(AnnotationPrefix))
      if (std::optional<Role> R = parseRole(Text))
        return R;
  }
  return std::nullopt;
}

static std::optional<Role> roleOnAnyRedecl(const Decl *D) {
  for (const Decl *Redecl : D->redecls())
    if (std::optional<Role> R = ownRole(Redecl))
      return R;
  return std::nullopt;
}

static std::optional<Role> functionRole(const FunctionDecl *FD) {
  if (std::optional<Role> R = roleOnAnyRedecl(FD))
    return R;
  // Members of a class template specialization and function template
  // specializations carry the role of the pattern they were made from.
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    if (Pattern != FD)
      if (std::optional<Role> R = roleOnAnyRedecl(Pattern))
        return R;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    for (const CXXMethodDecl *Overridden : MD->overridden_methods())
      if (std::optional<Role> R = functionRole(Overridden))
        return R;
  return std::nullopt;
}

static std::optional<Role> classRole(const CXXRecordDecl *RD) {
  if (std::optional<Role> R = roleOnAnyRedecl(RD))
    return R;
  if (const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern())
    if (Pattern != RD)
      return roleOnAnyRedecl(Pattern);
  return std::nullopt;
}

RoleLayer::RoleLayer(const RoleConfig &Config) : Config(Config) {}
RoleLayer::~RoleLayer() = default;

/// The configured role of \p D's name, or of the method it overrides.
const ConfiguredRole *RoleLayer::findConfigured(const Decl *D) const {
  if (const ConfiguredRole *Found = Config.find(dyn_cast<NamedDecl>(D)))
    return Found;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(D))
    for (const CXXMethodDecl *Overridden : MD->overridden_methods())
      if (const ConfiguredRole *Found = findConfigured(Overridden))
        return Found;
  return nullptr;
}

/// The class or namespace that declares \p D, as a user names it (no inline
/// or anonymous namespaces); a declaration at the top level is its own.
static std::string declaringScope(const NamedDecl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    const auto *NS = dyn_cast<NamespaceDecl>(DC);
    if (NS && (NS->isInline() || NS->isAnonymousNamespace()))
      continue;
    if (const auto *Scope = dyn_cast<NamedDecl>(DC); Scope && Scope->getIdentifier())
      return qualifiedName(Scope);
    break;
  }
  return qualifiedName(D);
}

llvm::StringRef RoleLayer::storeName(llvm::StringRef Name) const {
  if (llvm::StringRef Known = Config.knownStoreName(Name); !Known.empty())
    return Known;
  return StoreNames.insert(Name).first->getKey();
}

const RoleLayer::Known &RoleLayer::known(const Decl *D) const {
  if (auto It = Cache.find(D); It != Cache.end())
    return It->second;
  const Decl *Target = D;
  if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(Target))
    Target = FTD->getTemplatedDecl();
  else if (const auto *CTD = dyn_cast<ClassTemplateDecl>(Target))
    Target = CTD->getTemplatedDecl();
  Known Found;
  if (const auto *FD = dyn_cast<FunctionDecl>(Target))
    Found.R = functionRole(FD);
  else if (const auto *RD = dyn_cast<CXXRecordDecl>(Target))
    Found.R = classRole(RD);
  if (!Found.R && isa<FunctionDecl, CXXRecordDecl>(Target))
    if ((Found.Configured = findConfigured(Target))) {
      Found.R = Found.Configured->R;
      Found.Store = Found.Configured->Store;
      if (Found.Store.empty() && refersToStore(Found.Configured->R))
        Found.Store = storeName(declaringScope(cast<NamedDecl>(Target)));
    }
  // The lookups above may have grown the map: insert only now.
  return Cache[D] = Found;
}

std::optional<Role> RoleLayer::roleOf(const Decl *D) const {
  return D ? known(D).R : std::nullopt;
}

std::optional<ConfiguredRole> RoleLayer::configuredRole(const Decl *D) const {
  const Known *Found = D ? &known(D) : nullptr;
  if (!Found || !Found->Configured)
    return std::nullopt;
  ConfiguredRole Role = *Found->Configured;
  Role.Store = Found->Store;
  return Role;
}

bool RoleLayer::hasTrait(const Decl *D, unsigned Trait) const {
  if (std::optional<ConfiguredRole> Configured = configuredRole(D))
    return Configured->has(static_cast<RoleTrait>(Trait));
  // An annotated function can still be given a trait by name
  // (asyncctx.NeverEmptyReads).
  const auto *ND = dyn_cast_or_null<NamedDecl>(D);
  return ND && roleOf(D) && (Config.traitsOf(ND) & Trait);
}

/// The variable or member that \p E names, looking through references that
/// were bound to a named store (`auto &s = claims_storage;`).
static const ValueDecl *namedObject(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return ME->getMemberDecl();
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    if (!DRE)
      return nullptr;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return DRE->getDecl();
    if (!VD->getType()->isReferenceType() || !VD->getInit())
      return VD;
    const Expr *Init = VD->getInit()->IgnoreParenImpCasts();
    if (!isa<DeclRefExpr, MemberExpr>(Init))
      return VD;
    E = Init;
  }
  return nullptr;
}

/// The store of a configured name: its object, where it is a member of a
/// store class called on a named store; else the configured store's name.
StoreRef RoleLayer::configuredStore(const ConfiguredRole &Configured, const CallExpr *Call) const {
  StoreRef Ref;
  const auto *MemberCall = dyn_cast_or_null<CXXMemberCallExpr>(Call);
  if (MemberCall && roleOf(MemberCall->getMethodDecl()->getParent()) == Role::Store)
    if ((Ref.Object = namedObject(MemberCall->getImplicitObjectArgument()))) {
      Ref.Class = MemberCall->getMethodDecl()->getParent();
      return Ref;
    }
  Ref.Named = Configured.Store;
  return Ref;
}

StoreRef RoleLayer::storeOfCall(const CallExpr *Call) const {
  StoreRef Ref;
  if (std::optional<ConfiguredRole> Configured = configuredRole(knownCallee(Call)))
    return configuredStore(*Configured, Call);
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
  if (!Method)
    return Ref;
  Ref.Class = Method->getParent();
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call))
    Ref.Object = namedObject(MemberCall->getImplicitObjectArgument());
  return Ref;
}

StoreRef storeOfExpr(const Expr *E) {
  StoreRef Ref;
  if (!E)
    return Ref;
  QualType Type = E->getType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  Ref.Class = Type->getAsCXXRecordDecl();
  Ref.Object = namedObject(E);
  return Ref;
}

const void *StoreRef::key() const {
  if (Object)
    return Object->getCanonicalDecl();
  if (!Named.empty())
    return Named.data();
  return Class ? Class->getCanonicalDecl() : nullptr;
}

std::string StoreRef::name(const PrintingPolicy &Policy) const {
  if (Object)
    return Object->getNameAsString();
  if (!Named.empty())
    return Named.str();
  if (Class)
    return compat::tagType(Class).getAsString(Policy);
  return "<unknown store>";
}

const Expr *RoleLayer::guardExpr(const Expr *E) const {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (roleOf(Construct->getConstructor()->getParent()) == Role::ScopeGuard)
        return Construct;
      // A copy or move of a guard that a call returned (C++14 and before).
      if (Construct->getNumArgs() == 1) {
        E = Construct->getArg(0);
        continue;
      }
      return nullptr;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return roleOf(Call->getDirectCallee()) == Role::ScopeGuard ? Call : nullptr;
    return nullptr;
  }
  return nullptr;
}

StoreRef RoleLayer::storeOfGuard(const Expr *Guard) const {
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Guard))
    return storeOfCall(Call);
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Guard);
  if (!Construct)
    return StoreRef();
  StoreRef Passed = Construct->getNumArgs() ? storeOfExpr(Construct->getArg(0)) : StoreRef();
  if (std::optional<ConfiguredRole> Configured = configuredRole(Construct->getConstructor()->getParent());
      Configured && roleOf(Passed.Class) != Role::Store) {
    // A configured guard given no store object refers to its configured store.
    StoreRef Ref;
    Ref.Named = Configured->Store;
    return Ref;
  }
  return Passed;
}

const CXXMethodDecl *RoleLayer::findMemberWithRole(const CXXRecordDecl *StoreClass,
                                                  Role R) const {
  if (!StoreClass || !StoreClass->hasDefinition())
    return nullptr;
  StoreClass = StoreClass->getDefinition();
  for (const Decl *D : StoreClass->decls()) {
    const Decl *Member = D;
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      Member = FTD->getTemplatedDecl();
    const auto *MD = dyn_cast<CXXMethodDecl>(Member);
    if (MD && roleOf(MD) == R)
      return MD;
  }
  for (const CXXBaseSpecifier &Base : StoreClass->bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
      if (const CXXMethodDecl *MD = findMemberWithRole(BaseClass, R))
        return MD;
  return nullptr;
}

std::string describeFunction(const FunctionDecl *FD) {
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD))
    if (Method->getParent()->isLambda())
      return "the lambda";
  return FD ? "'" + FD->getNameAsString() + "'" : "the call";
}

/// \p D's qualified name, with or without its inline namespaces; anonymous
/// namespaces and template arguments are never part of it.
std::string qualifiedName(const NamedDecl *D, bool WithInline) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Parts.push_back(D->getName());
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isAnonymousNamespace() || (NS->isInline() && !WithInline))
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *Record = dyn_cast<RecordDecl>(DC)) {
      if (Record->getIdentifier())
        Parts.push_back(Record->getName());
    }
  }
  std::string Name;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Name.empty())
      Name += "::";
    Name += *It;
  }
  return Name;
}

bool hasQualifiedName(const NamedDecl *D, llvm::ArrayRef<std::string> Names) {
  if (!D || Names.empty() || !D->getDeclName().isIdentifier())
    return false;
  std::string Short = qualifiedName(D, false), Full = qualifiedName(D, true);
  return llvm::any_of(Names, [&](llvm::StringRef Wanted) {
    Wanted.consume_front("::");
    return Wanted == Short || Wanted == Full;
  });
}

} // namespace clang::tidy::asyncctx

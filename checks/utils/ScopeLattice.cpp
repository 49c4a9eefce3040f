//===--- ScopeLattice.cpp - asyncctx-tidy ---------------------------------===//

#include "ScopeLattice.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::asyncctx {

static constexpr std::pair<ScopeKind, llvm::StringLiteral> KindNames[] = {
    {ScopeKind::In, "in"}, {ScopeKind::No, "no"}, {ScopeKind::Entry, "entry"}};

std::string ScopeSet::str() const {
  std::string Text;
  for (const auto &[Kind, Name] : KindNames)
    if (has(Kind))
      Text += (Text.empty() ? "" : "+") + Name.str();
  return Text;
}

std::optional<ScopeSet> ScopeSet::parse(llvm::StringRef Text) {
  ScopeSet Set;
  llvm::SmallVector<llvm::StringRef, 3> Parts;
  Text.split(Parts, '+');
  for (llvm::StringRef Part : Parts) {
    const auto *It = llvm::find_if(KindNames, [&](const auto &K) { return K.second == Part; });
    if (It == std::end(KindNames))
      return std::nullopt;
    Set = Set.with(It->first);
  }
  return Set;
}

static const Decl *classKey(const StoreRef &S) {
  return S.Class ? S.Class->getCanonicalDecl() : nullptr;
}

bool StoreState::join(const StoreState &Other) {
  if (!Scopes.has(ScopeKind::No) && Other.Scopes.has(ScopeKind::No))
    Origin = Other.Origin;
  if (!EnteredBy && !EnteredElsewhere && (Other.EnteredBy || Other.EnteredElsewhere)) {
    EnteredBy = Other.EnteredBy;
    EnteredElsewhere = Other.EnteredElsewhere;
    EnteredVia = Other.EnteredVia;
  }
  if (!Guard)
    Guard = Other.Guard;
  return Scopes.join(Other.Scopes);
}

State State::noScope(NoScopeSource Origin) {
  State S;
  S.Default.Scopes = ScopeSet::of(ScopeKind::No);
  S.Default.Origin = Origin;
  return S;
}

StoreState State::get(const void *Key) const {
  auto It = Stores.find(Key);
  return It == Stores.end() ? Default : It->second;
}

StoreState State::lookup(const StoreRef &Store) const {
  StoreState Result = get(Store.key());
  if (Result.Scopes.has(ScopeKind::In))
    return Result;
  for (const auto &Entry : Stores) {
    const StoreState &Other = Entry.second;
    if (!Other.Scopes.only(ScopeKind::In) || !Other.Store.Class || !Store.Class ||
        classKey(Other.Store) != classKey(Store))
      continue;
    if (!Other.Store.Object || !Store.Object)
      return Other;
  }
  return Result;
}

StoreState &State::at(const StoreRef &Store) {
  auto [It, Inserted] = Stores.insert({Store.key(), Default});
  if (Inserted)
    It->second.Store = Store;
  return It->second;
}

void State::clear(const StoreRef &Store, NoScopeSource Origin) {
  StoreState S;
  S.Store = Store;
  S.Scopes = ScopeSet::of(ScopeKind::No);
  S.Origin = Origin;
  assign(S);
}

void State::enter(const StoreRef &Store, const CallExpr *EnterWith) {
  StoreState S;
  S.Store = Store;
  S.Scopes = ScopeSet::of(ScopeKind::In);
  S.EnteredBy = EnterWith;
  assign(S);
}

void State::assign(StoreState S) { Stores[S.Store.key()] = std::move(S); }

void State::beginGuard(const VarDecl *Guard, const StoreRef &Store, bool RestoresOnly) {
  StoreState Before = get(Store.key());
  Before.Store = Store;
  Guards[Guard] = SavedByGuard{Before, RestoresOnly};
  if (!RestoresOnly) {
    enter(Store);
    at(Store).Guard = Guard;
  }
}

void State::endGuard(const VarDecl *Guard) {
  auto It = Guards.find(Guard);
  if (It == Guards.end())
    return;
  assign(It->second.Before);
  Guards.erase(It);
}

std::optional<StoreRef> State::releaseGuard(const VarDecl *Guard) {
  auto It = Guards.find(Guard);
  if (It == Guards.end())
    return std::nullopt;
  StoreRef Store = It->second.Before.Store;
  Guards.erase(It);
  return Store;
}

bool State::restoredByGuard(const StoreRef &Store) const {
  for (const auto &Entry : Guards)
    if (Entry.second.RestoresOnly && Entry.second.Before.Store.key() == Store.key())
      return true;
  return false;
}

bool State::guardedBy(const StoreRef &Store) const {
  for (const auto &Entry : Guards)
    if (Entry.second.Before.Store.key() == Store.key())
      return true;
  return false;
}

bool State::join(const State &Other) {
  bool Changed = false;
  for (const auto &Entry : Other.Stores)
    if (!Stores.count(Entry.first)) {
      StoreState Mine = Default;
      Mine.Store = Entry.second.Store;
      Stores[Entry.first] = Mine;
      Changed = true;
    }
  for (auto &Entry : Stores)
    Changed |= Entry.second.join(Other.get(Entry.first));
  Changed |= Default.join(Other.Default);
  if (SuspendedAt.isInvalid() && Other.SuspendedAt.isValid()) {
    SuspendedAt = Other.SuspendedAt;
    Changed = true;
  }
  // A guard is live after the join if it is live on either path; what it
  // saved is the join of what it saved on each.
  for (const auto &Entry : Other.Guards) {
    auto [It, Inserted] = Guards.insert(Entry);
    if (Inserted)
      Changed = true;
    else
      Changed |= It->second.Before.join(Entry.second.Before);
  }
  return Changed;
}

} // namespace clang::tidy::asyncctx

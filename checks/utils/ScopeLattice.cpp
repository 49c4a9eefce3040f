//===--- ScopeLattice.cpp - asyncctx-tidy ---------------------------------===//

#include "ScopeLattice.h"

#include "clang/AST/DeclCXX.h"

namespace clang::tidy::asyncctx {

static const Decl *classKey(const StoreRef &S) {
  return S.Class ? S.Class->getCanonicalDecl() : nullptr;
}

bool StoreState::join(const StoreState &Other) {
  unsigned Joined = Flags | Other.Flags;
  if (!(Flags & No) && (Other.Flags & No)) {
    Origin = Other.Origin;
    OriginLoc = Other.OriginLoc;
    OriginDecl = Other.OriginDecl;
  }
  if (!EnteredBy && Other.EnteredBy) {
    EnteredBy = Other.EnteredBy;
    EnteredVia = Other.EnteredVia;
  }
  if (!Guard)
    Guard = Other.Guard;
  if (Joined == Flags)
    return false;
  Flags = Joined;
  return true;
}

State State::noScope(NoScopeOrigin Origin, SourceLocation Loc, const NamedDecl *D) {
  State S;
  S.Default.Flags = No;
  S.Default.Origin = Origin;
  S.Default.OriginLoc = Loc;
  S.Default.OriginDecl = D;
  return S;
}

StoreState State::get(const void *Key) const {
  auto It = Stores.find(Key);
  return It == Stores.end() ? Default : It->second;
}

StoreState State::lookup(const StoreRef &Store) const {
  StoreState Result = get(Store.key());
  if (Result.Flags & In)
    return Result;
  for (const auto &Entry : Stores) {
    const StoreState &Other = Entry.second;
    if (Other.Flags != In || !Other.Store.Class || !Store.Class ||
        classKey(Other.Store) != classKey(Store))
      continue;
    if (!Other.Store.Object || !Store.Object)
      return Other;
  }
  return Result;
}

void State::set(const StoreRef &Store, unsigned Flags, NoScopeOrigin Origin, SourceLocation Loc,
                const NamedDecl *D) {
  Stores[Store.key()] = StoreState{Store, Flags, Origin, Loc, D, nullptr, SourceLocation(), nullptr};
}

void State::enter(const StoreRef &Store, const CallExpr *EnterWith) {
  set(Store, In);
  Stores[Store.key()].EnteredBy = EnterWith;
}

StoreState &State::at(const StoreRef &Store) {
  auto [It, Inserted] = Stores.insert({Store.key(), Default});
  if (Inserted)
    It->second.Store = Store;
  return It->second;
}

void State::beginGuard(const VarDecl *Guard, const StoreRef &Store, bool RestoresOnly) {
  StoreState Before = get(Store.key());
  Before.Store = Store;
  Guards[Guard] = SavedByGuard{Before, RestoresOnly};
  if (!RestoresOnly) {
    set(Store, In);
    Stores[Store.key()].Guard = Guard;
  }
}

void State::endGuard(const VarDecl *Guard) {
  auto It = Guards.find(Guard);
  if (It == Guards.end())
    return;
  const StoreState &Before = It->second.Before;
  Stores[Before.Store.key()] = Before;
  Guards.erase(It);
}

bool State::restoredByGuard(const StoreRef &Store) const {
  for (const auto &Entry : Guards)
    if (Entry.second.RestoresOnly && Entry.second.Before.Store.key() == Store.key())
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

bool Summary::join(const NeedMap &FoundNeeds, const EffectList &FoundEffects) {
  bool Changed = false;
  for (const auto &Entry : FoundNeeds)
    Changed |= Needs.insert({Entry.first, Entry.second}).second;
  for (const StoreState &Found : FoundEffects) {
    auto It = llvm::find_if(Effects, [&](const StoreState &Mine) {
      return Mine.Store.key() == Found.Store.key();
    });
    if (It == Effects.end()) {
      Effects.push_back(Found);
      Changed = true;
    } else {
      Changed |= It->join(Found);
    }
  }
  return Changed;
}

} // namespace clang::tidy::asyncctx

//===--- Summaries.cpp - asyncctx-tidy ------------------------------------===//

#include "Summaries.h"

#include "clang/AST/Decl.h"

namespace clang::tidy::asyncctx {

ReadPath ReadPath::through(const FunctionDecl *Caller, const FunctionDecl *Callee,
                           SourceLocation Loc) const {
  ReadPath Longer;
  Longer.Store = Store;
  Longer.Links.reserve(Links.size() + 1);
  Longer.Links.push_back({Caller, Callee, Loc});
  Longer.Links.append(Links.begin(), Links.end());
  Longer.ReadLoc = ReadLoc;
  Longer.ReadFunction = ReadFunction;
  return Longer;
}

StoreRef storeAtCall(const StoreRef &Store, const FunctionDecl *Callee,
                     llvm::ArrayRef<const Expr *> Args) {
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(Store.Object);
  if (!Param || Param->getDeclContext() != Callee)
    return Store;
  unsigned Index = Param->getFunctionScopeIndex();
  if (Index >= Args.size())
    return StoreRef{nullptr, Store.Class, {}};
  StoreRef Passed = storeOfExpr(Args[Index]);
  if (!Passed.Class)
    Passed.Class = Store.Class;
  return Passed;
}

bool Summary::join(const NeedMap &FoundNeeds, const EffectList &FoundEffects,
                   bool FoundMayThrow) {
  bool Changed = FoundMayThrow && !MayThrow;
  MayThrow |= FoundMayThrow;
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

//===--- ProgramFacts.cpp - asyncctx-tidy ---------------------------------===//
//
// The link works on records only. How a callee's need is read at a site
// mirrors ScopeReporter::read and ::handedOnNeeds (a parameter's store is
// the argument's, a BIND reads only its store, a coroutine's reads after
// the end of RUN's scope have none, a store that is a local of the caller
// had no value at its start), and the lookup mirrors State::lookup (a store
// named by its class stands for every store of that class).
//
//===----------------------------------------------------------------------===//

#include "ProgramFacts.h"

#include <deque>

namespace clang::tidy::asyncctx::records {

namespace {

ScopeSet scopesOf(llvm::StringRef Text) {
  return ScopeSet::parse(Text).value_or(ScopeSet::of(ScopeKind::Entry));
}

bool denotes(const Store &S) { return S.K != Store::Kind::Object || !S.Id.empty(); }

/// The class a store is of, where the records know it.
llvm::StringRef classOf(const Store &S) {
  switch (S.K) {
  case Store::Kind::Class:
    return S.Id;
  case Store::Kind::Named:
    return "";
  case Store::Kind::Object:
  case Store::Kind::Parameter:
    return S.Class;
  }
  return "";
}

bool isObject(const Store &S) {
  return S.K == Store::Kind::Object || S.K == Store::Kind::Parameter;
}

/// What holds of \p S in \p St (State::lookup).
ScopeSet lookup(const SiteState &St, const Store &S) {
  std::string Key = storeKey(S);
  ScopeSet Result = scopesOf(St.Default);
  for (const StoreScopes &Entry : St.Stores)
    if (storeKey(Entry.S) == Key)
      Result = scopesOf(Entry.Scopes);
  if (Result.has(ScopeKind::In))
    return Result;
  for (const StoreScopes &Entry : St.Stores) {
    ScopeSet Other = scopesOf(Entry.Scopes);
    if (!Other.only(ScopeKind::In) || classOf(Entry.S).empty() || classOf(S).empty() ||
        classOf(Entry.S) != classOf(S))
      continue;
    if (!isObject(Entry.S) || !isObject(S))
      return Other;
  }
  return Result;
}

/// The store a callee's store \p Named is at \p S: a parameter's is the
/// argument's (storeAtCall); handed on, a parameter is none of the caller's.
Store storeAt(const Store &Named, const Site &S) {
  if (Named.K != Store::Kind::Parameter)
    return Named;
  if (S.Kind == "call" && Named.Parameter < S.Args.size() && denotes(S.Args[Named.Parameter])) {
    Store Passed = S.Args[Named.Parameter];
    if (isObject(Passed) && Passed.Class.empty())
      Passed.Class = Named.Class;
    return Passed;
  }
  Store ClassOnly;
  ClassOnly.K = Store::Kind::Class;
  ClassOnly.Id = Named.Class;
  ClassOnly.Name = Named.Name;
  return ClassOnly;
}

struct Read {
  Store At;
  ScopeSet Holds;
};

/// How a callee's need \p N is read at \p S; nothing where it is not.
std::optional<Read> readAt(const Need &N, const Site &S) {
  if (S.Kind == "invocation")
    return std::nullopt;
  Store At = storeAt(N.S, S);
  if (S.Kind == "bind" && (!S.Only || storeKey(*S.Only) != storeKey(At)))
    return std::nullopt;
  ScopeSet Holds = lookup(S.St, At);
  if (S.End && storeKey(*S.End) == storeKey(At) && (S.EndLazy || N.AfterSuspension))
    Holds = ScopeSet::of(ScopeKind::No);
  if (At.Local && Holds.has(ScopeKind::Entry))
    Holds = Holds.resolveEntry(ScopeSet::of(ScopeKind::No));
  return Read{std::move(At), Holds};
}

/// \p N of \p Callee, as \p Caller's need through \p S.
Need through(const Need &N, const Function &Caller, const Function &Callee, const Site &S,
             const Store &At) {
  Need Longer = N;
  Longer.S = At;
  if (S.Inline) {
    if (!Longer.Links.empty())
      Longer.Links.front().Caller = Caller;
  } else {
    Longer.Links.insert(Longer.Links.begin(), Link{Caller, Callee, S.At});
  }
  Longer.AfterSuspension = S.St.Suspended;
  Longer.SuspendedAt = Place();
  return Longer;
}

std::string needKey(const Need &N) {
  return storeKey(N.S) + (N.AfterSuspension ? "|after" : "");
}

bool hasNeed(const std::vector<Need> &Needs, const std::string &Key) {
  return llvm::any_of(Needs, [&](const Need &N) { return needKey(N) == Key; });
}

} // namespace

std::string storeKey(const Store &S) {
  switch (S.K) {
  case Store::Kind::Object:
    return "o:" + S.Id;
  case Store::Kind::Class:
    return "c:" + S.Id;
  case Store::Kind::Named:
    return "n:" + S.Id;
  case Store::Kind::Parameter:
    return "p:" + std::to_string(S.Parameter);
  }
  return "";
}

Program::Program(std::vector<FactsFile> Given) : Files(std::move(Given)) {
  llvm::sort(Files, [](const FactsFile &A, const FactsFile &B) { return A.File < B.File; });
  for (const FactsFile &File : Files) {
    for (const FunctionFacts &F : File.Functions) {
      Linked &L = Functions[F.F.USR];
      if (!L.Facts) {
        L.Facts = &F;
        L.File = &File;
        L.Needs = F.Needs;
        L.Effects = F.Effects;
      }
      if (F.Escapes)
        Escapes[F.F.USR].push_back(&File);
      for (const Site &S : F.Sites)
        Uses[S.Callee.USR].push_back({&File, S.Kind});
    }
    for (const Function &Escaping : File.Escapes)
      Escapes[Escaping.USR].push_back(&File);
  }
  linkNeeds();
  linkEffects();
}

bool Program::addNeedsAt(Linked &Caller, const Site &S, const Linked &Callee) {
  bool Changed = false;
  for (const Need &N : Callee.Needs) {
    std::optional<Read> R = readAt(N, S);
    if (!R || !R->Holds.has(ScopeKind::Entry))
      continue;
    Need Longer = through(N, Caller.Facts->F, Callee.Facts->F, S, R->At);
    if (hasNeed(Caller.Needs, needKey(Longer)))
      continue;
    Caller.Needs.push_back(std::move(Longer));
    Changed = true;
  }
  return Changed;
}

void Program::untilStable(
    llvm::function_ref<bool(Linked &Caller, const Site &S, Linked &Callee)> Step) {
  // What a step adds only grows, over finitely many stores: this ends.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (auto &Entry : Functions) {
      Linked &Caller = Entry.second;
      for (const Site &S : Caller.Facts->Sites) {
        auto Callee = Functions.find(S.Callee.USR);
        if (Callee == Functions.end() || &Callee->second == &Caller)
          continue;
        Changed |= Step(Caller, S, Callee->second);
      }
    }
  }
}

void Program::linkNeeds() {
  untilStable([this](Linked &Caller, const Site &S, Linked &Callee) {
    return addNeedsAt(Caller, S, Callee);
  });
}

bool Program::addEffectsAt(Linked &Caller, const Site &S, const Linked &Callee) {
  if (S.Kind != "call" || Callee.File == Caller.File)
    return false;
  bool Changed = false;
  for (const Effect &E : Callee.Effects) {
    Store At = storeAt(E.S, S);
    std::string Key = storeKey(At);
    auto Same = [&](const Effect &Mine) { return storeKey(Mine.S) == Key; };
    // A store the function changes itself keeps its own effect.
    if (llvm::any_of(Caller.Facts->Effects, Same))
      continue;
    ScopeSet After = scopesOf(E.Scopes).resolveEntry(lookup(S.St, At));
    if (After.only(ScopeKind::Entry))
      continue;
    auto Known = llvm::find_if(Caller.Effects, Same);
    if (Known == Caller.Effects.end()) {
      Effect New = E;
      New.S = At;
      New.Scopes = After.str();
      if (!E.EnteredBy.USR.empty() || !E.EnteredBy.Name.empty())
        New.EnteredVia = S.At;
      Caller.Effects.push_back(std::move(New));
      Changed = true;
    } else {
      ScopeSet Joined = scopesOf(Known->Scopes);
      if (Joined.join(After)) {
        Known->Scopes = Joined.str();
        Changed = true;
      }
    }
  }
  return Changed;
}

void Program::linkEffects() {
  untilStable([this](Linked &Caller, const Site &S, Linked &Callee) {
    return addEffectsAt(Caller, S, Callee);
  });
}

const FunctionFacts *Program::definition(llvm::StringRef USR) const {
  auto It = Functions.find(USR);
  return It == Functions.end() ? nullptr : It->second.Facts;
}

const std::vector<Need> &Program::needs(llvm::StringRef USR) const {
  static const std::vector<Need> None;
  auto It = Functions.find(USR);
  return It == Functions.end() ? None : It->second.Needs;
}

const std::vector<Effect> &Program::effects(llvm::StringRef USR) const {
  static const std::vector<Effect> None;
  auto It = Functions.find(USR);
  return It == Functions.end() ? None : It->second.Effects;
}

std::optional<Returns> Program::returns(llvm::StringRef USR) const {
  std::set<std::string> Seen;
  std::deque<std::string> Work{USR.str()};
  while (!Work.empty()) {
    std::string Next = Work.front();
    Work.pop_front();
    const FunctionFacts *F = definition(Next);
    if (!F || !Seen.insert(Next).second)
      continue;
    if (F->ReturnsRead)
      return F->ReturnsRead;
    for (const Function &From : F->ReturnsFrom)
      Work.push_back(From.USR);
  }
  return std::nullopt;
}

UsedElsewhere Program::usedElsewhere(llvm::StringRef USR, llvm::StringRef File) const {
  UsedElsewhere Used;
  if (const FunctionFacts *F = definition(USR))
    Used.F = F->F;
  auto Escaping = Escapes.find(USR);
  bool EscapesSomewhere = Escaping != Escapes.end();
  if (EscapesSomewhere)
    Used.Called = llvm::any_of(Escaping->second,
                               [&](const FactsFile *Where) { return Where->File != File; });
  auto It = Uses.find(USR);
  if (It == Uses.end())
    return Used;
  for (const Use &U : It->second) {
    if (U.File->File == File)
      continue;
    if (U.Kind == "invocation")
      Used.Invoked = true;
    else if (U.Kind == "thread" || U.Kind == "spawn")
      Used.Threaded = true;
    else if (U.Kind == "call")
      Used.Called = true;
  }
  // Every caller is known where the program calls it and its address never
  // escapes.
  Used.CallersKnown = !EscapesSomewhere && !It->second.empty();
  return Used;
}

// --- What one translation unit imports ------------------------------------

namespace {

/// Whether a need of a function of another file, read at \p First in \p Own
/// (by \p Reader), reaches a state with no scope, or (with StrictMode) a
/// function whose callers are not known, going up through the calls of the
/// translation unit's own functions.
class Reach {
public:
  Reach(const FactsFile &Own, const Program &Whole, bool StrictMode)
      : Own(Own), Whole(Whole), StrictMode(StrictMode) {}

  bool noScope(const Need &N, const FunctionFacts &Reader, const Site &First) {
    Seen.clear();
    Work.clear();
    if (readsNoScope(N, Reader, First))
      return true;
    while (!Work.empty()) {
      auto [F, Up] = std::move(Work.front());
      Work.pop_front();
      if (!Seen.insert(F->F.USR + "\n" + needKey(Up)).second)
        continue;
      if (StrictMode && F->Entry == "none" && F->UnknownCallers &&
          !Whole.usedElsewhere(F->F.USR, Own.File).CallersKnown)
        return true;
      for (const FunctionFacts &Caller : Own.Functions)
        for (const Site &S : Caller.Sites)
          if (S.Callee.USR == F->F.USR && readsNoScope(Up, Caller, S))
            return true;
    }
    return false;
  }

private:
  /// Reads \p N at \p S in \p Reader: true at no scope; where it is the
  /// caller's, goes on from \p Reader.
  bool readsNoScope(const Need &N, const FunctionFacts &Reader, const Site &S) {
    std::optional<Read> R = readAt(N, S);
    if (!R)
      return false;
    if (R->Holds.has(ScopeKind::No))
      return true;
    if (R->Holds.has(ScopeKind::Entry))
      Work.push_back({&Reader, through(N, Reader.F, S.Callee, S, R->At)});
    return false;
  }

  const FactsFile &Own;
  const Program &Whole;
  bool StrictMode;
  std::set<std::string> Seen;
  std::deque<std::pair<const FunctionFacts *, Need>> Work;
};

/// The functions of other files that \p Own refers to, by USR; each with
/// whether a value kept in static storage may come from it.
std::map<std::string, bool> referencedElsewhere(const FactsFile &Own) {
  std::set<std::string> Defined;
  for (const FunctionFacts &F : Own.Functions)
    Defined.insert(F.F.USR);
  std::map<std::string, bool> Referenced;
  auto Add = [&](const Function &F, bool Kept) {
    if (!F.USR.empty() && !Defined.count(F.USR))
      Referenced[F.USR] |= Kept;
  };
  for (const FunctionFacts &F : Own.Functions) {
    for (const Site &S : F.Sites)
      Add(S.Callee, false);
    for (const Function &From : F.ReturnsFrom)
      Add(From, false);
  }
  for (const Kept &K : Own.KeptValues)
    for (const Function &From : K.From)
      Add(From, true);
  return Referenced;
}

/// What the rest of the program changes of how \p F is entered and called,
/// where that changes anything; nothing otherwise.
std::optional<UsedElsewhere> usedChanges(const FunctionFacts &F, const Program &Whole,
                                         llvm::StringRef File, bool StrictMode) {
  UsedElsewhere Used = Whole.usedElsewhere(F.F.USR, File);
  Used.F = F.F;
  Used.Invoked &= F.Entry != "invocation" && F.Entry != "main";
  Used.Threaded &= F.Entry == "none";
  bool EntryPoint = F.Entry != "none" || Used.Invoked || Used.Threaded;
  Used.Called &= EntryPoint && F.EntryOnly;
  Used.CallersKnown &= StrictMode && F.UnknownCallers && !Whole.needs(F.F.USR).empty();
  if (!Used.Invoked && !Used.Threaded && !Used.Called && !Used.CallersKnown)
    return std::nullopt;
  return Used;
}

} // namespace

ImportSet importsFor(const FactsFile &Own, const Program &Whole, bool StrictMode) {
  ImportSet Set;
  Reach Reaches(Own, Whole, StrictMode);
  for (const auto &[USR, Kept] : referencedElsewhere(Own)) {
    const FunctionFacts *Definition = Whole.definition(USR);
    if (!Definition)
      continue;
    ImportedFunction Imported;
    Imported.F = Definition->F;
    for (const Need &N : Whole.needs(USR)) {
      bool Relevant = false;
      for (const FunctionFacts &Reader : Own.Functions)
        for (const Site &S : Reader.Sites)
          if (!Relevant && S.Callee.USR == USR)
            Relevant = Reaches.noScope(N, Reader, S);
      if (Relevant)
        Imported.Needs.push_back(N);
    }
    Imported.Effects = Whole.effects(USR);
    Imported.MayThrow = Definition->MayThrow;
    if (Kept)
      Imported.ReturnsRead = Whole.returns(USR);
    if (!Imported.Needs.empty() || !Imported.Effects.empty() || Imported.MayThrow ||
        Imported.ReturnsRead)
      Set.Functions.push_back(std::move(Imported));
  }
  for (const FunctionFacts &F : Own.Functions)
    if (std::optional<UsedElsewhere> Used = usedChanges(F, Whole, Own.File, StrictMode))
      Set.Used.push_back(std::move(*Used));
  llvm::sort(Set.Used, [](const UsedElsewhere &A, const UsedElsewhere &B) {
    return A.F.USR < B.F.USR;
  });
  return Set;
}

} // namespace clang::tidy::asyncctx::records

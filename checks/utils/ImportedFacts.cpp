//===--- ImportedFacts.cpp - asyncctx-tidy --------------------------------===//

#include "ImportedFacts.h"
#include "CrossFile.h"
#include "FunctionIndex.h"
#include "ProgramFacts.h"
#include "RoleConfig.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::asyncctx {

namespace {

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> Buffer;
  if (!D || index::generateUSRForDecl(D, Buffer))
    return "";
  return Buffer.str().str();
}

/// The variables and classes of the translation unit by USR, as a store's
/// record names them: no function bodies.
class Declarations : public RecursiveASTVisitor<Declarations> {
public:
  Declarations(llvm::StringMap<const ValueDecl *> &Variables,
               llvm::StringMap<const CXXRecordDecl *> &Classes)
      : Variables(Variables), Classes(Classes) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool TraverseStmt(Stmt *) { return true; }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasGlobalStorage() && !VD->isStaticLocal())
      Variables.try_emplace(usrOf(VD), VD);
    return true;
  }
  bool VisitFieldDecl(FieldDecl *FD) {
    Variables.try_emplace(usrOf(FD), FD);
    return true;
  }
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (RD->isThisDeclarationADefinition())
      Classes.try_emplace(usrOf(RD), RD);
    return true;
  }

private:
  llvm::StringMap<const ValueDecl *> &Variables;
  llvm::StringMap<const CXXRecordDecl *> &Classes;
};

const CXXRecordDecl *classOfType(QualType T) {
  T = T.getNonReferenceType();
  if (const CXXRecordDecl *Pointee = T->getPointeeCXXRecordDecl())
    return Pointee;
  return T->getAsCXXRecordDecl();
}

NoScopeOrigin originOf(llvm::StringRef Name) {
  static constexpr NoScopeOrigin All[] = {
      NoScopeOrigin::Main,          NoScopeOrigin::Invocation,   NoScopeOrigin::Disabled,
      NoScopeOrigin::Exit,          NoScopeOrigin::Thread,       NoScopeOrigin::Spawned,
      NoScopeOrigin::LazyCoroutine, NoScopeOrigin::Suspended,    NoScopeOrigin::GlobalInit,
      NoScopeOrigin::GlobalDestroy, NoScopeOrigin::NewStore};
  for (NoScopeOrigin O : All)
    if (records::originName(O) == Name)
      return O;
  return NoScopeOrigin::Disabled;
}

} // namespace

std::string describeRecord(const records::Function &F) {
  if (F.Name == "(lambda)")
    return "the lambda";
  return "'" + F.Name + "'";
}

std::string relativePath(llvm::StringRef Path, llvm::StringRef Directory) {
  llvm::SmallVector<llvm::StringRef, 16> To, From;
  for (auto It = llvm::sys::path::begin(Path), End = llvm::sys::path::end(Path); It != End; ++It)
    To.push_back(*It);
  for (auto It = llvm::sys::path::begin(Directory), End = llvm::sys::path::end(Directory);
       It != End; ++It)
    From.push_back(*It);
  size_t Common = 0;
  while (Common < To.size() && Common < From.size() && To[Common] == From[Common])
    ++Common;
  if (Common == 0)
    return Path.str();
  llvm::SmallString<128> Result;
  for (size_t I = Common; I < From.size(); ++I)
    llvm::sys::path::append(Result, "..");
  for (size_t I = Common; I < To.size(); ++I)
    llvm::sys::path::append(Result, To[I]);
  return std::string(Result.str());
}

ImportedFacts::ImportedFacts(records::ImportSet Given, ASTContext &AST, const RoleLayer &Roles)
    : Set(std::move(Given)), AST(AST), Roles(Roles) {
  const SourceManager &SM = AST.getSourceManager();
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID())) {
    llvm::SmallString<256> Path(Main->getName());
    llvm::sys::fs::make_absolute(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    MainDirectory = llvm::sys::path::parent_path(Path).str();
  }
}

ImportedFacts::~ImportedFacts() = default;

void ImportedFacts::indexDeclarations() const {
  if (Indexed)
    return;
  Indexed = true;
  Declarations Walk(Variables, Classes);
  Walk.TraverseDecl(AST.getTranslationUnitDecl());
}

const ExternalPlace &ImportedFacts::place(const records::Place &P) const {
  std::string Key = P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
  if (const ExternalPlace *Known = PlaceOf.lookup(Key))
    return *Known;
  ExternalPlace &New = Places.emplace_back();
  New.Path = P.File;
  New.Line = P.Line;
  New.Column = P.Column;
  New.Shown = relativePath(P.File, MainDirectory) + ":" + std::to_string(P.Line);
  PlaceOf[Key] = &New;
  return New;
}

const ExternalCall *ImportedFacts::call(const records::Function &Callee,
                                        const records::Place &At) const {
  std::string Key = Callee.USR + "@" + At.File + ":" + std::to_string(At.Line) + ":" +
                    std::to_string(At.Column);
  auto [It, Inserted] = Calls.try_emplace(Key);
  if (Inserted) {
    It->second.Callee = describeRecord(Callee);
    It->second.At = place(At);
  }
  return &It->second;
}

StoreRef ImportedFacts::store(const records::Store &S, const FunctionDecl *Callee) const {
  using Kind = records::Store::Kind;
  if (S.K == Kind::Parameter && Callee && S.Parameter < Callee->getNumParams()) {
    const ParmVarDecl *Param = Callee->getParamDecl(S.Parameter);
    return {Param, classOfType(Param->getType()), {}};
  }
  if (S.K == Kind::Named)
    if (llvm::StringRef Configured = Roles.config().knownStoreName(S.Id); !Configured.empty())
      return {nullptr, nullptr, Configured};
  if (S.K == Kind::Object || S.K == Kind::Class) {
    indexDeclarations();
    if (S.K == Kind::Object)
      if (const ValueDecl *Variable = Variables.lookup(S.Id))
        return {Variable, classOfType(Variable->getType()), {}};
    if (S.K == Kind::Class)
      if (const CXXRecordDecl *Class = Classes.lookup(S.Id))
        return {nullptr, Class, {}};
  }
  // A store this translation unit cannot name: one name of its own per
  // store, so that it is told apart from every other.
  llvm::StringRef Name = StoreNames.insert(records::storeKey(S) + "\n" + S.Name).first->getKey();
  return {nullptr, nullptr, Name.substr(Name.find('\n') + 1)};
}

Summary ImportedFacts::summaryOf(const records::ImportedFunction &From,
                                 const FunctionDecl *FD) const {
  Summary Sum;
  for (const records::Need &N : From.Needs) {
    Need Imported;
    Imported.Path.Store = store(N.S, FD);
    for (const records::Link &L : N.Links)
      Imported.Path.Links.push_back(
          {nullptr, nullptr, {},
           &Links.emplace_back(
               ExternalLink{describeRecord(L.Caller), describeRecord(L.Callee), place(L.Call)})});
    std::string Reader = N.Links.empty() ? describeRecord(From.F)
                                         : describeRecord(N.Links.back().Callee);
    Imported.Path.ReadElsewhere =
        &Reads.emplace_back(ExternalRead{describeRecord(N.ReadFunction), Reader, place(N.Read)});
    Sum.Needs.insert({NeedKey{Imported.Path.Store.key(), N.AfterSuspension}, Imported});
  }
  for (const records::Effect &E : From.Effects) {
    StoreState Effect;
    Effect.Store = store(E.S, FD);
    Effect.Scopes = ScopeSet::parse(E.Scopes).value_or(ScopeSet::of(ScopeKind::Entry));
    if (Effect.Scopes.has(ScopeKind::No)) {
      Effect.Origin.Kind = originOf(E.Origin);
      records::Function Origin{"", E.OriginName};
      Effect.Origin.Elsewhere = call(Origin, E.OriginAt);
    }
    if (!E.EnteredBy.Name.empty())
      Effect.EnteredElsewhere = call(E.EnteredBy, E.EnteredAt);
    Sum.Effects.push_back(Effect);
  }
  return Sum;
}

void ImportedFacts::applyUse(const records::UsedElsewhere &Used, FunctionInfo &Info) const {
  // `main` and a declared invocation are entered as they say, whoever else
  // calls them (FunctionIndex's classifyEntry).
  bool Declared = Info.Entry == EntryKind::Main ||
                  (Info.Entry == EntryKind::Invocation &&
                   (Roles.roleOf(Info.FD) == Role::Invocation ||
                    hasQualifiedName(Info.FD, Roles.config().invocationFunctions())));
  if (!Declared) {
    if (Used.Invoked)
      Info.Entry = EntryKind::Invocation;
    else if (Used.Threaded && Info.Entry == EntryKind::None)
      Info.Entry = EntryKind::Thread;
    if (Used.Called)
      Info.EntryOnly = false;
  }
  const auto *Method = dyn_cast<CXXMethodDecl>(Info.FD);
  if (Used.CallersKnown && !(Method && Method->isVirtual()))
    Info.CallersKnown = true;
}

void ImportedFacts::apply(FunctionIndex &Index, SummaryMap &Summaries) const {
  llvm::StringMap<const records::ImportedFunction *> ByUSR;
  for (const records::ImportedFunction &F : Set.Functions)
    ByUSR[F.F.USR] = &F;
  llvm::StringMap<const records::UsedElsewhere *> UsedByUSR;
  for (const records::UsedElsewhere &U : Set.Used)
    UsedByUSR[U.F.USR] = &U;
  auto Follow = [&](const FunctionDecl *Callee) {
    const FunctionDecl *Canonical = Callee->getCanonicalDecl();
    if (Index.find(Canonical) || Imported.count(Canonical))
      return;
    if (const records::ImportedFunction *From = ByUSR.lookup(usrOf(Canonical))) {
      Imported[Canonical] = From;
      Index.Elsewhere.insert(Canonical);
      Summaries[Canonical] = summaryOf(*From, Canonical);
    }
  };
  for (auto &Entry : Index.Functions) {
    FunctionInfo &Info = Entry.second;
    for (const FunctionDecl *Callee : Info.Callees)
      Follow(Callee);
    for (const FunctionDecl *Callee : Info.Invocations)
      Follow(Callee);
    if (Info.FD && !UsedByUSR.empty())
      if (const records::UsedElsewhere *Used = UsedByUSR.lookup(usrOf(Info.FD)))
        applyUse(*Used, Info);
  }
  for (const FunctionDecl *Callee : calleesOfInitializers(Index))
    Follow(Callee);
  for (const auto &[FD, From] : Imported)
    if (From->MayThrow)
      Index.ThrowsElsewhere.insert(FD);
  if (!Index.ThrowsElsewhere.empty())
    Index.propagateThrows();
}

std::optional<ImportedFacts::Returned> ImportedFacts::returnedBy(const FunctionDecl *FD) const {
  const records::ImportedFunction *From = Imported.lookup(FD->getCanonicalDecl());
  if (!From || !From->ReturnsRead)
    return std::nullopt;
  Returned R;
  R.Store = store(From->ReturnsRead->S, FD->getCanonicalDecl());
  R.Read = &Reads.emplace_back(
      ExternalRead{"", describeRecord(From->F), place(From->ReturnsRead->Read)});
  return R;
}

} // namespace clang::tidy::asyncctx

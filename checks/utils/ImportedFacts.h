//===--- ImportedFacts.h - asyncctx-tidy ----------------------------------===//
//
// The facts of the rest of the program, as one translation unit uses them
// (what utils/ProgramFacts::importsFor chose for it), turned back into the
// analysis' own terms for this AST:
//
//  - a function with no body here whose facts are imported gets a Summary,
//    as if it had been analysed here: its needs (their chains down to the
//    read run through other files: ExternalLink, ExternalRead), its effects
//    (an ENTER_WITH or DISABLE in another file: ExternalCall); calls of it
//    become steps (FunctionIndex::Elsewhere); one that may throw makes its
//    calls outside a try block exits, as a throwing function of this file
//    does (FunctionIndex::ThrowsElsewhere);
//  - a store is found by what the records name: the variable or class with
//    that USR in this translation unit, the configured store of that name,
//    the callee's parameter; a store this unit cannot name (a file-static
//    store of another file) gets a name of its own, so that it is still
//    told apart;
//  - a function of this file that other files hand to an invocation runner
//    or a thread is entered as one; one they call directly is no entry
//    point only; one whose callers the program knows has no unknown ones.
//
// Places in other files become ExternalPlaces, written relative to the
// directory of the analysed file; they live as long as this object.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_IMPORTEDFACTS_H
#define ASYNCCTX_TIDY_UTILS_IMPORTEDFACTS_H

#include "SummaryRecords.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <map>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class ValueDecl;

namespace tidy::asyncctx {

class FunctionIndex;
struct FunctionInfo;

class ImportedFacts {
public:
  ImportedFacts(records::ImportSet Set, ASTContext &AST, const RoleLayer &Roles);
  ~ImportedFacts();
  ImportedFacts(const ImportedFacts &) = delete;
  ImportedFacts &operator=(const ImportedFacts &) = delete;

  /// Gives the functions with no body here whose facts are imported their
  /// summaries (and adds them to Index.Elsewhere), and the indexed
  /// functions what the program says of how they are entered and called.
  void apply(FunctionIndex &Index, SummaryMap &Summaries) const;

  /// The READ whose value \p FD (a function of another file) returns.
  struct Returned {
    const ExternalRead *Read = nullptr;
    StoreRef Store;
  };
  std::optional<Returned> returnedBy(const FunctionDecl *FD) const;

  const records::ImportSet &set() const { return Set; }

private:
  Summary summaryOf(const records::ImportedFunction &Imported, const FunctionDecl *FD) const;
  void applyUse(const records::UsedElsewhere &Used, FunctionInfo &Info) const;
  StoreRef store(const records::Store &S, const FunctionDecl *Callee) const;
  const ExternalPlace &place(const records::Place &P) const;
  const ExternalCall *call(const records::Function &Callee, const records::Place &At) const;
  void indexDeclarations() const;

  const records::ImportSet Set;
  ASTContext &AST;
  const RoleLayer &Roles;
  std::string MainDirectory;

  mutable llvm::DenseMap<const FunctionDecl *, const records::ImportedFunction *> Imported;
  // What the imported facts name, made once and kept as long as the facts
  // that point at them.
  mutable std::deque<ExternalPlace> Places;
  mutable std::deque<ExternalLink> Links;
  mutable std::deque<ExternalRead> Reads;
  mutable std::map<std::string, ExternalCall> Calls;
  mutable llvm::StringMap<const ExternalPlace *> PlaceOf;
  mutable llvm::StringSet<> StoreNames;
  mutable bool Indexed = false;
  mutable llvm::StringMap<const ValueDecl *> Variables;
  mutable llvm::StringMap<const CXXRecordDecl *> Classes;
};

/// How diagnostics name a function the records name: "'use_claims'", or
/// "the lambda".
std::string describeRecord(const records::Function &F);

/// \p Path relative to \p Directory (both absolute), as a note shows it.
std::string relativePath(llvm::StringRef Path, llvm::StringRef Directory);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_IMPORTEDFACTS_H

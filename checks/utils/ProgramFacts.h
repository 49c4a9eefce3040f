//===--- ProgramFacts.h - asyncctx-tidy -----------------------------------===//
//
// The facts of a whole program, linked from the facts of its files
// (utils/SummaryRecords), as Go's analysis framework links the facts of a
// package's imports. Each file's facts are its own: made from its code
// alone, with the calls into other files kept as *sites* (utils/CallSites)
// that say in which state the callee's needs are read there. The link
// completes them, with no AST:
//
//  - needs: a function needs what the functions it calls need where the
//    state at the call is still its caller's, across any number of files,
//    with the chain of calls down to the read (as utils/ScopeReporter does
//    within a file: a need read where the state is In is met, where it is
//    Entry it becomes the caller's, in a recursive group until nothing
//    grows);
//  - effects: what a function leaves behind includes the effects of the
//    functions of other files it calls, on the stores it does not change
//    itself (the state after such a call is not known here: a function that
//    changes a store itself and also calls into another file that changes
//    it keeps its own effect);
//  - what a function returns from a store, through functions of other files;
//  - how each function is entered and called elsewhere: handed to an
//    invocation runner or a thread in another file, called directly there
//    (then it is no entry point only), its address taken there, and whether
//    all its callers are known in the program.
//
// A translation unit takes from the link only what can change its findings
// (importsFor): the needs of the functions of other files that it calls
// where some path reaches a state with no scope (or, with StrictMode, a
// function of unknown callers), their effects, the store values they return
// into a value kept in static storage, and what the rest of the program
// changes of how its own functions are entered. The analysis uses exactly
// that set (utils/ImportedFacts), so the findings of a file are a function
// of its code and that set, and its fingerprint tells when they can change
// (asyncctx-tidy keeps a file's report while its fingerprint stays).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_PROGRAMFACTS_H
#define ASYNCCTX_TIDY_UTILS_PROGRAMFACTS_H

#include "SummaryRecords.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <map>
#include <set>

namespace clang::tidy::asyncctx::records {

/// The linked facts of a program's files.
class Program {
public:
  /// \p Files: the facts of each file (each file once). Where several files
  /// define a function (an inline function of a header), the facts of the
  /// first in path order are its program facts.
  explicit Program(std::vector<FactsFile> Files);

  const std::vector<FactsFile> &files() const { return Files; }

  /// The facts of the file that defines \p USR, and its facts there.
  const FunctionFacts *definition(llvm::StringRef USR) const;
  /// The program needs and effects of a defined function.
  const std::vector<Need> &needs(llvm::StringRef USR) const;
  const std::vector<Effect> &effects(llvm::StringRef USR) const;
  /// What it returns from a store, through functions of other files too.
  std::optional<Returns> returns(llvm::StringRef USR) const;
  /// How the files other than \p File use \p USR.
  UsedElsewhere usedElsewhere(llvm::StringRef USR, llvm::StringRef File) const;

private:
  struct Linked {
    const FunctionFacts *Facts = nullptr;
    const FactsFile *File = nullptr;
    std::vector<Need> Needs;
    std::vector<Effect> Effects;
  };
  /// One site of a function of another file, for usedElsewhere.
  struct Use {
    const FactsFile *File = nullptr;
    std::string Kind;
  };

  /// Applies \p Step to every site of a function at a call of another
  /// function of the program, over and over until no step changes anything.
  void untilStable(llvm::function_ref<bool(Linked &Caller, const Site &S, Linked &Callee)> Step);
  void linkNeeds();
  void linkEffects();
  bool addNeedsAt(Linked &Caller, const Site &S, const Linked &Callee);
  /// The effects of another file's \p Callee, at a call \p S of it, that
  /// \p Caller now has too; whether it gained any.
  bool addEffectsAt(Linked &Caller, const Site &S, const Linked &Callee);

  std::vector<FactsFile> Files;
  // Ordered maps: the link visits functions in the same order in every
  // process, so that which of two chains a need keeps does not vary.
  std::map<std::string, Linked, std::less<>> Functions;
  std::map<std::string, std::vector<Use>, std::less<>> Uses;
  std::map<std::string, std::vector<const FactsFile *>, std::less<>> Escapes;
};

/// What the translation unit whose own facts are \p Own imports from
/// \p Whole (which holds \p Own too); \p StrictMode: asyncctx-read-outside-
/// run reports the needs of functions whose callers are unknown.
ImportSet importsFor(const FactsFile &Own, const Program &Whole, bool StrictMode);

/// What a store denotes, as needs and states tell stores apart: "o:", "c:",
/// "n:" or "p:" and its id or parameter.
std::string storeKey(const Store &S);

} // namespace clang::tidy::asyncctx::records

#endif // ASYNCCTX_TIDY_UTILS_PROGRAMFACTS_H

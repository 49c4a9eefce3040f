//===--- CallSites.h - asyncctx-tidy --------------------------------------===//
//
// Where a function passes its callees' needs on: each call of a function
// that the analysis follows, and each callable it hands on, with the state
// in which the callee's needs are read there. Within a translation unit
// utils/ScopeReporter reads the needs at once; a *site* keeps the same
// question for later, so that the facts of a file (utils/SummaryRecords)
// can say it of the calls into other files, whose needs are only known
// where the facts of the whole program are (utils/ProgramFacts).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_CALLSITES_H
#define ASYNCCTX_TIDY_UTILS_CALLSITES_H

#include "ScopeLattice.h"

#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang {
class FunctionDecl;

namespace tidy::asyncctx {

struct CallSite {
  /// How the callee runs there (utils/Callables): called, or handed on.
  enum class Kind : uint8_t {
    Call,       ///< an ordinary call: its needs are read at the call
    Run,        ///< handed to RUN: read with the store in scope
    Exit,       ///< handed to EXIT: read with the store cleared
    Bind,       ///< handed to BIND: only the bound store's needs, at the bind
    Thread,     ///< started on a new thread: read with no scope
    Spawn,      ///< handed to a SPAWN function: read with no scope
    Invocation, ///< handed to an invocation runner: analysed from its own start
  };
  Kind K = Kind::Call;
  const FunctionDecl *Callee = nullptr;
  /// The call, or the callable's argument.
  SourceLocation Loc;
  /// The state in which the callee's needs are read (none for Invocation).
  State St;
  /// The stores its arguments denote, one for each of the callee's
  /// parameters (a need of a parameter's store is of the store passed).
  llvm::SmallVector<StoreRef, 2> Args;
  /// A lambda written at the call.
  bool Inline = false;
  /// Bind: the store it carries (its other needs are not read there).
  StoreRef OnlyStore;
  /// A coroutine handed to RUN or BIND: the scope of Store ends before its
  /// body (Lazy) or at its first suspension.
  struct ScopeEnd {
    StoreRef Store;
    bool Lazy = false;
  };
  std::optional<ScopeEnd> End;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_CALLSITES_H

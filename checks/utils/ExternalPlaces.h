//===--- ExternalPlaces.h - asyncctx-tidy ---------------------------------===//
//
// Places in other files of the program. The facts of another file
// (utils/ImportedFacts) name where a read, a call or an ENTER_WITH is in a
// file that this translation unit never opened, so there is no
// SourceLocation for it: a fact carries it as one of these, and a check
// names it in the text of a note ("... here (claims.cpp:12)"), written
// relative to the directory of the file being analysed.
//
// They live as long as the imported facts that made them (utils/
// AnalysisSession keeps those with the facts of the translation unit).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_EXTERNALPLACES_H
#define ASYNCCTX_TIDY_UTILS_EXTERNALPLACES_H

#include "clang/Basic/SourceLocation.h"
#include <string>

namespace clang {
class SourceManager;

namespace tidy::asyncctx {

struct ExternalPlace {
  std::string Path; ///< absolute
  unsigned Line = 0, Column = 0;
  /// How a note names it: `claims.cpp:12`, relative to the directory of
  /// the analysed file.
  std::string Shown;
};

/// A call on the way to a read, made in another file.
struct ExternalLink {
  std::string Caller, Callee; ///< as diagnostics name them: "'list'"
  ExternalPlace At;
};

/// A READ (or SNAPSHOT) in another file: the function it calls, and the
/// function that makes the call.
struct ExternalRead {
  std::string Function; ///< "'get_store'"
  std::string Reader;   ///< "'use_claims'"
  ExternalPlace At;
};

/// An ENTER_WITH in another file, or a DISABLE (as the origin of no scope).
struct ExternalCall {
  std::string Callee;   ///< "'enter_with'", as diagnostics name a declaration
  std::string Function; ///< the function that makes the call: "'before'"
  ExternalPlace At;
};

/// A location for \p Place in \p SM: the file is opened as if it were a
/// file of its own (no include location), so that a diagnostic there is
/// shown as one in a file the user compiles; invalid when it cannot be
/// read.
SourceLocation locationOf(const ExternalPlace &Place, SourceManager &SM);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_EXTERNALPLACES_H

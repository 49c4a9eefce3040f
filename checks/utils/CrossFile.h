//===--- CrossFile.h - asyncctx-tidy --------------------------------------===//
//
// What the analysis of one file follows into the other files of a program.
// A function *elsewhere* is one this translation unit declares and calls
// (or hands on) without its body (or whose body clangd's preamble skipped:
// utils/HeaderFacts): a function of the user's code, not of a system
// header, and none that implements a role of the store's API. Where
// the facts of the other files are known (utils/ImportedFacts), a call of
// one reads its needs and applies its effects as a call of a function of
// this file does; where this file's facts are made (ScopeAnalysisOptions::
// RecordSites), each call of one is kept as a site (utils/CallSites).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_CROSSFILE_H
#define ASYNCCTX_TIDY_UTILS_CROSSFILE_H

#include "Summaries.h"

#include <vector>

namespace clang {
class FunctionDecl;

namespace tidy::asyncctx {

struct AnalysisContext;
class FunctionIndex;
struct FunctionInfo;
class RoleLayer;

/// Whether a call of \p FD (with no body here) is followed into another
/// file.
bool isElsewhereCandidate(const AnalysisContext &Context, const FunctionDecl *FD);

/// Adds every function elsewhere that the indexed functions call or hand on
/// to Index.Elsewhere.
void followCallsElsewhere(const AnalysisContext &Context, FunctionIndex &Index);

/// The functions that the initializers of namespace-scope variables call
/// (they are no function's callees), outside the lambdas they make.
std::vector<const FunctionDecl *> calleesOfInitializers(const FunctionIndex &Index);

/// Whether \p Info calls or hands on a function of Index.Elsewhere.
bool callsElsewhere(const FunctionInfo &Info, const FunctionIndex &Index);

/// The functions elsewhere whose address escapes here, in a stable order.
std::vector<const FunctionDecl *> escapingElsewhere(const AnalysisContext &Context,
                                                    const FunctionIndex &Index);

/// The functions of the main file that other files can call and an
/// exception can leave, but that the analysis did not summarise (they touch
/// no store): their facts say only that they may throw. In the index's
/// order.
std::vector<const FunctionDecl *> throwersForElsewhere(const AnalysisContext &Context,
                                                       const FunctionIndex &Index,
                                                       const SummaryMap &Summaries);

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_CROSSFILE_H

//===--- AnalysisContext.h - asyncctx-tidy --------------------------------===//
//
// What every part of the analysis of one translation unit shares: the AST
// and the role layer (the configuration, with what it has found so far).
// Made once per translation unit and passed to the parts that need it, as
// clang-tidy's utilities take their inputs: nothing is kept in globals,
// thread-locals or function statics, so any number of translation units can
// be analysed at once (clangd checks files on several threads).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_UTILS_ANALYSISCONTEXT_H
#define ASYNCCTX_TIDY_UTILS_ANALYSISCONTEXT_H

#include "Roles.h"

namespace clang {
class ASTContext;

namespace tidy::asyncctx {

class RoleConfig;

struct AnalysisContext {
  AnalysisContext(ASTContext &AST, const RoleConfig &Config) : AST(AST), Roles(Config) {}
  AnalysisContext(const AnalysisContext &) = delete;
  AnalysisContext &operator=(const AnalysisContext &) = delete;

  ASTContext &AST;
  RoleLayer Roles;
};

} // namespace tidy::asyncctx
} // namespace clang

#endif // ASYNCCTX_TIDY_UTILS_ANALYSISCONTEXT_H

//===--- ConfigVerification.h - --verify-config of the asyncctx values ----===//
//
// clang-tidy's `--verify-config` checks the keys of CheckOptions (an unknown
// key gets a "did you mean"), not their values. asyncctx-tidy also checks
// the values of the `asyncctx.*` keys (an unknown profile, a name that is
// not qualified), through the same RoleConfig the checks read them with.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_CONFIGVERIFICATION_H
#define ASYNCCTX_TIDY_TOOL_CONFIGVERIFICATION_H

#include "CommandLine.h"

namespace asyncctx {

/// Reports each invalid `asyncctx.*` value on standard error, named with
/// the source that sets it. The configuration is found as clang-tidy finds
/// it (`--config`, `--config-file`, or the `.clang-tidy` files above the
/// first file or the current directory). Returns whether any is invalid.
bool reportInvalidAsyncCtxValues(const CommandLine &Args);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_CONFIGVERIFICATION_H

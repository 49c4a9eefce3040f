//===--- ConfigVerification.h - --verify-config of the asyncctx values ----===//
//
// clang-tidy's `--verify-config` checks the keys of CheckOptions (an unknown
// key gets a "did you mean"), not their values. asyncctx-tidy also checks
// the values of the `asyncctx.*` keys (an unknown profile, a name that is
// not qualified), through the same RoleConfig the checks read them with.
// Before a normal run, the same configuration tells whether the user has
// one at all, and whether the checks will report errors in it.
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

/// Whether no configuration of the user's applies: no `--checks`,
/// `--config` or `--config-file`, and no `.clang-tidy` above the first file
/// (or the current directory). clang-tidy would then run its default
/// checks; asyncctx-tidy runs the asyncctx ones.
bool usesNoConfiguration(const CommandLine &Args);

/// Whether the checks will report a configuration error in this run: an
/// invalid `asyncctx.*` value or a misspelt `asyncctx.` key. Prints nothing.
bool hasAsyncCtxConfigurationErrors(const CommandLine &Args);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_CONFIGVERIFICATION_H

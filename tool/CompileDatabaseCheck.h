//===--- CompileDatabaseCheck.h - a database that would lint nothing -------===//
//
// clang-tidy carries on where a team would believe its code linted when it
// is not: with a `-p` that names no database it analyses every file with no
// flags at all, and with a database that lists nothing it analyses nothing
// and exits 0. asyncctx-tidy stops there instead (docs/ci.md, "When nothing
// would be analysed").
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_COMPILEDATABASECHECK_H
#define ASYNCCTX_TIDY_TOOL_COMPILEDATABASECHECK_H

#include "CommandLine.h"

#include <optional>
#include <string>

namespace asyncctx {

/// The problem with the compile database clang-tidy would use for this
/// command line, or nothing when there is none (or none is used: flags
/// after `--`, or a run that analyses nothing).
std::optional<std::string> compileDatabaseProblem(const CommandLine &Args);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_COMPILEDATABASECHECK_H

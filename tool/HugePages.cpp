//===--- HugePages.cpp - the heap in transparent huge pages ---------------===//

#include "HugePages.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Process.h"

#include <cstdlib>
#include <optional>
#include <string>
#include <unistd.h>

namespace asyncctx {

void runAgainWithHugePages(const char **Argv) {
#if defined(__linux__) && defined(__GLIBC__)
  static constexpr char Variable[] = "GLIBC_TUNABLES";
  static constexpr llvm::StringLiteral Tunable = "glibc.malloc.hugetlb";
  std::optional<std::string> Before = llvm::sys::Process::GetEnv(Variable);
  if (Before && llvm::StringRef(*Before).contains(Tunable))
    return;
  std::string With = (Before && !Before->empty() ? *Before + ":" : std::string()) +
                     Tunable.str() + "=1";
  if (::setenv(Variable, With.c_str(), /*overwrite=*/1) != 0)
    return;
  ::execv("/proc/self/exe", const_cast<char *const *>(Argv));
  // Not run again (no /proc, say): go on as before.
  if (Before)
    ::setenv(Variable, Before->c_str(), /*overwrite=*/1);
  else
    ::unsetenv(Variable);
#else
  (void)Argv;
#endif
}

} // namespace asyncctx

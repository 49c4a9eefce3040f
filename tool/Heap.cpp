//===--- Heap.cpp - the heap of a run that parses files -------------------===//

#include "Heap.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Process.h"

#include <cstdlib>
#include <optional>
#include <string>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace asyncctx {

namespace {

constexpr char TunablesVariable[] = "GLIBC_TUNABLES";

bool tunableNamed(llvm::StringRef Tunable) {
  std::optional<std::string> Tunables = llvm::sys::Process::GetEnv(TunablesVariable);
  return Tunables && llvm::StringRef(*Tunables).contains(Tunable);
}

} // namespace

void runAgainWithHugePages(const char **Argv) {
#if defined(__linux__) && defined(__GLIBC__)
  static constexpr llvm::StringLiteral Tunable = "glibc.malloc.hugetlb";
  if (tunableNamed(Tunable))
    return;
  std::optional<std::string> Before = llvm::sys::Process::GetEnv(TunablesVariable);
  std::string With = (Before && !Before->empty() ? *Before + ":" : std::string()) +
                     Tunable.str() + "=1";
  if (::setenv(TunablesVariable, With.c_str(), /*overwrite=*/1) != 0)
    return;
  ::execv("/proc/self/exe", const_cast<char *const *>(Argv));
  // Not run again (no /proc, say): go on as before.
  if (Before)
    ::setenv(TunablesVariable, Before->c_str(), /*overwrite=*/1);
  else
    ::unsetenv(TunablesVariable);
#else
  (void)Argv;
#endif
}

void keepHeapAsGrown() {
#if defined(__GLIBC__)
  // glibc's own limit for the mapping threshold on 64-bit targets (half its
  // HEAP_MAX_SIZE), which is also how far it raises it by itself; the trim
  // threshold it then sets is twice that.
  constexpr int MmapThreshold = 32 << 20;
  struct Threshold {
    int Parameter;
    llvm::StringLiteral Tunable, Variable;
    int Value;
  };
  for (const Threshold &T :
       {Threshold{M_MMAP_THRESHOLD, "glibc.malloc.mmap_threshold", "MALLOC_MMAP_THRESHOLD_",
                  MmapThreshold},
        Threshold{M_TRIM_THRESHOLD, "glibc.malloc.trim_threshold", "MALLOC_TRIM_THRESHOLD_",
                  2 * MmapThreshold}})
    if (!tunableNamed(T.Tunable) && !llvm::sys::Process::GetEnv(T.Variable))
      ::mallopt(T.Parameter, T.Value);
#endif
}

} // namespace asyncctx

//===--- HugePages.h - the heap in transparent huge pages -----------------===//
//
// A run that analyses files grows a heap of a few hundred MiB for each file
// it parses. Where glibc can back its heap with transparent huge pages
// (glibc.malloc.hugetlb, glibc 2.35 and later), a fresh process faults that
// heap in a 2 MiB page at a time rather than 4 KiB, which matters to the
// runs that parse each file in a process of its own (`--cross-tu`, the
// per-file processes of run-clang-tidy and pre-commit hooks) and costs
// nothing where it does not apply. The tunable is read when a process
// starts, so asyncctx-tidy runs itself once more with it set
// (docs/performance.md, "A fresh heap").
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_HUGEPAGES_H
#define ASYNCCTX_TIDY_TOOL_HUGEPAGES_H

namespace asyncctx {

/// Replaces this process by this program run again with \p Argv and
/// glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES, unless GLIBC_TUNABLES
/// already names that tunable (the user's choice, or the run before this
/// one). Returns, changing nothing, where it does not apply or the program
/// cannot be run again.
void runAgainWithHugePages(const char **Argv);

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_HUGEPAGES_H

//===--- Heap.h - the heap of a run that parses files ---------------------===//
//
// A run that analyses files grows a heap of a hundred MiB or more for each
// file it parses. A process that has parsed one file already has that heap;
// a fresh one (each file's process under `--cross-tu`, run-clang-tidy and
// pre-commit hooks) gets every page of it new from the kernel, which on a
// virtual machine is expensive. Two settings make a fresh process's heap
// behave like a grown one (docs/performance.md, "A fresh heap"):
//
// - glibc backs the heap with transparent huge pages (glibc.malloc.hugetlb,
//   glibc 2.35 and later): a page fault per 2 MiB rather than per 4 KiB.
//   glibc reads the tunable only as a process starts, so asyncctx-tidy
//   runs itself once more with it set.
// - Blocks of up to 32 MiB come from the heap rather than from a mapping of
//   their own (M_MMAP_THRESHOLD), and up to 64 MiB of free heap stays with
//   the process (M_TRIM_THRESHOLD): what glibc does by itself once a process
//   has freed blocks that large, here from the first file on.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_HEAP_H
#define ASYNCCTX_TIDY_TOOL_HEAP_H

namespace asyncctx {

/// Replaces this process by this program run again with \p Argv and
/// glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES, unless GLIBC_TUNABLES
/// already names that tunable (the user's choice, or the run before this
/// one). Returns, changing nothing, where it does not apply or the program
/// cannot be run again.
void runAgainWithHugePages(const char **Argv);

/// Sets malloc's thresholds as a process that has parsed a file has them,
/// unless the user set them (GLIBC_TUNABLES, MALLOC_*_THRESHOLD_). The
/// processes forked from this one inherit them.
void keepHeapAsGrown();

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_HEAP_H

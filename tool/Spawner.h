//===--- Spawner.h - processes forked from a small process ----------------===//
//
// A program run forks a process per file. A forked process shares every
// page of its parent's heap until one of them writes it, and then the
// writer takes a page fault and, while the other still has the page, a
// copy. asyncctx-tidy's heap fills with the facts it reads and links as
// the run goes on, so each file's process wrote into that heap (its malloc
// reuses the free blocks there: a copied page each time), and
// asyncctx-tidy took a fault for each page it wrote after every fork. On
// a virtual machine a page fault is expensive (docs/performance.md, "One
// program").
//
// A Spawner forks, once, while asyncctx-tidy is still small: that process
// forks the file processes. asyncctx-tidy then never forks again, so its
// pages stay its own, and a file's process grows its heap from fresh pages,
// in huge pages (tool/Heap.h), rather than from copies.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_SPAWNER_H
#define ASYNCCTX_TIDY_TOOL_SPAWNER_H

#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace asyncctx {

/// A process started by a Spawner: how to learn how it ended.
struct Spawned {
  /// Reads "<exit status>\n" once the process has done its work; nothing
  /// if it ended otherwise (a crash).
  int StatusFD = -1;
  /// Where it was forked from this process (the spawner was not there): its
  /// pid, to wait for; -1 where the spawner forked it.
  pid_t Pid = -1;
};

class Spawner {
public:
  /// What a process runs: \p Strings and \p FDs as start() was given them
  /// (the descriptors are the process's own); returns its exit status.
  using Body = int (*)(const std::vector<std::string> &Strings, llvm::ArrayRef<int> FDs);

  /// Forks the spawner now, to run \p Run in each process started.
  explicit Spawner(Body Run);
  /// Lets the spawner end once its processes have, and waits for it (their
  /// CPU time is then counted in this process's children's, as the
  /// operating system counts the processes a process waited for).
  ~Spawner();
  Spawner(const Spawner &) = delete;
  Spawner &operator=(const Spawner &) = delete;

  /// Starts a process running Body(Strings, FDs), from the spawner, else
  /// (it is gone) forked from this process. Nothing when no process starts.
  std::optional<Spawned> start(const std::vector<std::string> &Strings, llvm::ArrayRef<int> FDs);

  /// Waits for \p P to end: its exit status, or nothing if it crashed.
  static std::optional<int> wait(Spawned &P);

private:
  Body Run;
  /// This process's end of the socket to the spawner, or -1.
  int Socket = -1;
  pid_t Pid = -1;
};

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_SPAWNER_H

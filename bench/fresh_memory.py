#!/usr/bin/env python3
"""What memory new to a process costs on this machine: the time to touch
MIB MiB (a byte per 4 KiB page, in huge pages where the kernel gives them),
in a fresh process each time, after pauses of growing length.

    python3 bench/fresh_memory.py [--mib N] [--runs N]

On a virtual machine whose guest hands freed memory back to the host, the
first touch after a long pause costs many times what it costs right after
another process freed the same amount (docs/performance.md, "A fresh
heap"). It measures; it asserts nothing.
"""

import argparse
import mmap
import subprocess
import sys
import time

TOUCH = """
import mmap, sys, time
size = int(sys.argv[1]) << 20
start = time.perf_counter()
memory = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
if hasattr(mmap, "MADV_HUGEPAGE"):
    memory.madvise(mmap.MADV_HUGEPAGE)
for offset in range(0, size, 4096):
    memory[offset] = 1
print("%.1f" % ((time.perf_counter() - start) * 1000))
"""


def touch(mib):
    out = subprocess.run([sys.executable, "-c", TOUCH, str(mib)], check=True,
                         capture_output=True, text=True).stdout
    return float(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mib", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| pause before the touch | ms to touch %d MiB (each run) |" % args.mib)
    print("|---|---|")
    for pause in (0, 1, 3, 10):
        times = []
        for _ in range(args.runs):
            touch(args.mib)  # the memory another process has just freed
            time.sleep(pause)
            times.append(touch(args.mib))
        print("| %d s | %s |" % (pause, ", ".join("%.0f" % t for t in times)))


if __name__ == "__main__":
    main()

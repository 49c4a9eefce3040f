#!/usr/bin/env python3
"""The cost of analysing a program as one: --cross-tu against the plain run.

    python3 bench/cross_tu.py [--runs N] [--build DIR] [--files N]

Generates a multi-file program under BUILD/bench/cross-tu (see program()):
FILES source files that share one header, each with invocations that open
scopes, helpers that read the stores and call the next file's helpers,
and plain code. Then times, alternating the order every round, over the
same files with the same flags:

  plain     asyncctx-tidy FILE...                  (one file at a time)
  cross-tu  asyncctx-tidy --cross-tu FILE...       (facts, then findings;
                                                    a fresh facts directory)
  cross-tu, --keep-parsed=8                        (8 files wait parsed
                                                    for the facts of all)
  per-file  asyncctx-tidy FILE, once per file      (the control: a
                                                    process per file)
  two-phase asyncctx-tidy --facts-only --facts-dir=D FILE..., then
            asyncctx-tidy --facts-dir=D FILE...    (what CI shards run)
  plain, glibc's thresholds     plain and cross-tu with malloc's mapping
  cross-tu, glibc's thresholds  and trim thresholds held at glibc's first
                                values (128 KiB), not asyncctx-tidy's
                                (tool/Heap.h): what its processes pay for
                                a heap that starts small

and prints a Markdown table of the medians of CPU time (user + system of
the process and the ones it waited for, from GNU time) and wall time, the
ratio of the medians to the plain run's and the median of the ratios to
the plain run of the same round (steadier when the machine's speed drifts;
the target is at most 1.25, docs/performance.md), and the size of the facts
per file. It measures; it asserts nothing.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (the single-file benchmark's helpers)

ROOT = bench.ROOT


def program(files, helpers, handlers, plains):
    """The header and the sources of a program of `files` files."""
    header = ["#pragma once"] + ["#include <%s>" % h for h in bench.STD_HEADERS]
    header.append('#include "asyncctx/context_store.h"')
    header.append("""
struct Claims { std::string user; std::vector<std::string> scopes; };
extern asyncctx::context_store<Claims> claims_storage;
extern asyncctx::context_store<std::string> request_ids;
const Claims &use_claims();""")
    for f in range(files):
        header += ["std::string helper_%d_%d(int n);" % (f, i) for i in range(helpers)]
    sources = {}
    for f in range(files):
        out = ['#include "program.h"']
        if f == 0:
            out.append("""
asyncctx::context_store<Claims> claims_storage;
asyncctx::context_store<std::string> request_ids;

const Claims &use_claims() {
  const Claims *claims = claims_storage.get_store();
  if (!claims)
    throw std::runtime_error("invalid claims");
  return *claims;
}""")
        following = (f + 1) % files
        for i in range(helpers):
            # Every helper reads; every other one calls the next file's.
            call = ("  result += helper_%d_%d(n - 1);\n" % (following, i) if i % 2 == 0 and f + 1 < files
                    else "")
            out.append(f"""
std::string helper_{f}_{i}(int n) {{
  const Claims &c = use_claims();
  std::string id = request_ids.get_store() ? *request_ids.get_store() : "none";
  std::string result = c.user + "/" + id + "/" + std::to_string(n + {i});
  if (n > 0) {{
{call}  }}
  return result;
}}""")
        for i in range(handlers):
            helper = i % helpers
            out.append(f"""
ASYNCCTX_INVOCATION std::string handler_{f}_{i}(const std::string &payload) {{
  Claims claims{{payload, {{"read", "write"}}}};
  return claims_storage.run(claims, [&] {{
    return request_ids.run("req-{i}", [&] {{
      return helper_{f}_{helper}(static_cast<int>(payload.size())) +
             helper_{following}_{(helper + 1) % helpers}(1);
    }});
  }});
}}""")
        out.append(bench.plain_functions(plains).replace("plain_", "plain_%d_" % f))
        sources["file_%02d.cpp" % f] = "\n".join(out) + "\n"
    return "\n".join(header) + "\n", sources


def write(directory, header, sources):
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    with open(os.path.join(directory, "program.h"), "w") as f:
        f.write(header)
    for name, text in sources.items():
        with open(os.path.join(directory, name), "w") as f:
            f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per configuration (median)")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--files", type=int, default=12)
    args = parser.parse_args()
    tidy = os.path.join(args.build, "asyncctx-tidy")
    directory = os.path.join(args.build, "bench", "cross-tu")
    header, sources = program(args.files, helpers=30, handlers=30, plains=40)
    write(directory, header, sources)
    names = sorted(sources)
    flags = ["--", "-std=c++20", "-I" + os.path.join(ROOT, "include")]
    base = [tidy, "--quiet", "--config={Checks: '-*,asyncctx-*'}"]
    facts = os.path.join(directory, "facts")

    def fresh(cmd):
        def run():
            shutil.rmtree(facts, ignore_errors=True)
            return bench.timed(cmd)
        return run

    def two_phase():
        shutil.rmtree(facts, ignore_errors=True)
        w1, r1, c1 = bench.timed(base + ["--facts-only", "--facts-dir=" + facts] + names + flags)
        w2, r2, c2 = bench.timed(base + ["--facts-dir=" + facts] + names + flags)
        return w1 + w2, max(r1, r2), c1 + c2

    def per_file():
        # The control: the plain run with a process per file, as --cross-tu
        # runs them (each process builds its heap from nothing).
        wall, rss, cpu = 0.0, 0, 0.0
        for name in names:
            w, r, c = bench.timed(base + [name] + flags)
            wall, rss, cpu = wall + w, max(rss, r), cpu + c
        return wall, rss, cpu

    small_thresholds = ["env", "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072:"
                        "glibc.malloc.trim_threshold=131072"]
    configs = {
        "plain": fresh(base + names + flags),
        "per-file": per_file,
        "cross-tu": fresh(base + ["--cross-tu", "--facts-dir=" + facts] + names + flags),
        "cross-tu, --keep-parsed=8": fresh(base + ["--cross-tu", "--keep-parsed=8",
                                                   "--facts-dir=" + facts] + names + flags),
        "two-phase": two_phase,
        "plain, glibc's thresholds": fresh(small_thresholds + base + names + flags),
        "cross-tu, glibc's thresholds": fresh(small_thresholds + base +
                                              ["--cross-tu", "--facts-dir=" + facts] + names + flags),
    }
    cwd = os.getcwd()
    os.chdir(directory)
    results = {name: [] for name in configs}
    order = list(configs)
    for round_ in range(args.runs):
        for name in (order if round_ % 2 == 0 else list(reversed(order))):
            results[name].append(configs[name]())
    # The facts of one more --cross-tu run (the last round may end with a
    # run that keeps none).
    configs["cross-tu"]()
    sizes = sorted(os.path.getsize(os.path.join(facts, f)) for f in os.listdir(facts)
                   if f.endswith(".facts.json"))
    os.chdir(cwd)

    lines = sum(text.count("\n") for text in sources.values())
    print("Program: %d files, %d lines (+ program.h), medians of %d runs\n" %
          (len(names), lines, args.runs))
    print("| run | CPU s | wall s | CPU ratio to plain | median of the rounds' ratios |")
    print("|---|---|---|---|---|")
    plain_cpu = statistics.median(r[2] for r in results["plain"])

    def round_ratio(name):
        return statistics.median(r[2] / p[2] for r, p in zip(results[name], results["plain"]))
    for name in configs:
        cpu = statistics.median(r[2] for r in results[name])
        wall = statistics.median(r[0] for r in results[name])
        print("| %s | %.2f | %.2f | %.2f | %.2f |" % (name, cpu, wall, cpu / plain_cpu,
                                                       round_ratio(name)))
    print("\nFacts per file: median %.1f KiB, largest %.1f KiB, total %.1f KiB (%d files)" % (
        statistics.median(sizes) / 1024, sizes[-1] / 1024, sum(sizes) / 1024, len(sizes)))
    ratio = statistics.median(r[2] for r in results["cross-tu"]) / plain_cpu
    print("Target (cross-tu CPU at most 1.25x plain): %s" % ("holds" if ratio <= 1.25 else "MISSED"))


if __name__ == "__main__":
    main()

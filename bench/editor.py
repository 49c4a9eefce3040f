#!/usr/bin/env python3
"""The time from didOpen to diagnostics in asyncctx-clangd.

    python3 bench/editor.py [--runs N] [--build DIR]

Opens test/editor/Inputs/header-facts/handler.cpp (its reads go through
functions defined in claims.h, in clangd's preamble, and through audit.cpp,
known from a facts directory) in a fresh asyncctx-clangd, with the
test's lsp_client.py, N times each way, and prints the medians:

  no asyncctx     Checks: '-*' (clangd parsing the file, nothing of ours)
  asyncctx        Checks: '-*,asyncctx-*' (the header's functions parsed
                  again with bodies for their facts)
  + facts dir     the same with asyncctx.FactsDir (CI's first phase)

A fresh server builds the preamble first, so the time includes it, as
when a file is first opened in an editor. It measures; it asserts nothing.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPUTS = os.path.join(ROOT, "test", "editor", "Inputs", "header-facts")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = parser.parse_args()
    work = os.path.join(args.build, "bench", "editor")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(INPUTS, work)
    shutil.copy(os.path.join(ROOT, "examples", "claims-service", ".clangd"), work)
    flags = ["-std=c++17", "-I" + os.path.join(ROOT, "include"),
             "-I" + os.path.join(ROOT, "examples", "claims-service")]
    with open(os.path.join(work, "compile_flags.txt"), "w") as f:
        f.write("\n".join(flags) + "\n")
    facts = os.path.join(work, "facts")
    subprocess.run([os.path.join(args.build, "asyncctx-tidy"), "--quiet", "--checks=-*,asyncctx-*",
                    "--facts-only", "--facts-dir=" + facts, "handler.cpp", "audit.cpp", "--"] + flags,
                   cwd=work, check=True)
    ways = {
        "no asyncctx": "Checks: '-*'\n",
        "asyncctx": "Checks: '-*,asyncctx-*'\n",
        "+ facts dir": "Checks: '-*,asyncctx-*'\nCheckOptions:\n  asyncctx.FactsDir: '%s'\n" % facts,
    }
    client = os.path.join(ROOT, "test", "editor", "lsp_client.py")
    timing = os.path.join(work, "timing.txt")
    times = {way: [] for way in ways}
    for round_ in range(args.runs):
        for way, config in (ways.items() if round_ % 2 == 0 else reversed(list(ways.items()))):
            with open(os.path.join(work, ".clang-tidy"), "w") as f:
                f.write(config)
            out = subprocess.run([sys.executable, client, "--server",
                                  os.path.join(args.build, "asyncctx-clangd"), "--timing", timing,
                                  os.path.join(work, "handler.cpp")],
                                 stdout=subprocess.PIPE, text=True, check=True).stdout
            with open(timing) as f:
                times[way].append(float(f.read()))
            times[way + " diagnostics"] = out.count("\ndiagnostic ") + out.startswith("diagnostic ")
    print("didOpen to diagnostics, handler.cpp, medians of %d fresh servers:\n" % args.runs)
    print("| configuration | seconds | diagnostics |")
    print("|---|---|---|")
    for way in ways:
        print("| %s | %.2f | %d |" % (way, statistics.median(times[way]), times[way + " diagnostics"]))


if __name__ == "__main__":
    main()

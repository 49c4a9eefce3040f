#!/usr/bin/env python3
"""Runs asyncctx-tidy over a multi-file program in every way that analyses
it as one, and checks that each way finds the same:

  cross-tu    asyncctx-tidy --cross-tu FILE... (both phases in one run)
  shards      the two-phase recipe in two CI shards (docs/cross-tu.md):
              asyncctx-shard splits a compile database in two; each shard
              makes its facts (--facts-only --facts-dir); the facts are
              merged into one directory; each shard prints its findings
              (--facts-dir) from its own copy of it
  configured  each file alone, with the merged facts directory named in
              the configuration (asyncctx.FactsDir), as clangd and the
              plugin take it
  run-clang-tidy  (with --run-clang-tidy) the two-phase recipe for
              run-clang-tidy (docs/cross-tu.md): run-clang-tidy with
              asyncctx-tidy as its clang-tidy and ASYNCCTX_FACTS_DIR set,
              twice; the first run's output is discarded

    modes.py --tidy T --shard S --program DIR --out TMP [--checks GLOB]
             [--option KEY=VALUE]... [--run-clang-tidy CMD] -- FLAGS...

The program is every .cpp in DIR, compiled with FLAGS. It prints the
findings (warnings and notes, paths relative to DIR, sorted) that all the
ways agree on, for FileCheck; where one differs it prints each way's and
exits 1. (The Bazel aspect is compared in integration/bazel-cross-tu.test.)
"""

import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

FINDING = re.compile(r"^([^ :]+):(\d+):(\d+): (warning|note|error): (.*)$")


def findings(output, program):
    found = set()
    for line in output.splitlines():
        m = FINDING.match(line)
        if m:
            path = os.path.join(program, m.group(1))
            found.add("%s:%s:%s: %s: %s" % (os.path.relpath(path, program), m.group(2),
                                              m.group(3), m.group(4), m.group(5)))
    return sorted(found)


def run(cmd, cwd, env=None):
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode < 0 or "Stack dump:" in proc.stdout:
        sys.exit("modes: %s crashed:\n%s" % (" ".join(cmd), proc.stdout))
    return proc.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tidy", required=True)
    parser.add_argument("--shard", required=True)
    parser.add_argument("--program", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--checks", default="-*,asyncctx-*")
    parser.add_argument("--option", action="append", default=[])
    parser.add_argument("--run-clang-tidy", help="the run-clang-tidy command line")
    parser.add_argument("flags", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    flags = args.flags[1:] if args.flags[:1] == ["--"] else args.flags
    program = os.path.abspath(args.program)
    files = sorted(os.path.basename(f) for f in glob.glob(os.path.join(program, "*.cpp")))
    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)

    def config(extra=()):
        options = [o.split("=", 1) for o in list(args.option) + list(extra)]
        return "--config=" + json.dumps({"Checks": args.checks,
                                          "CheckOptions": {k: v for k, v in options}})

    ways = {}
    ways["cross-tu"] = findings(run([args.tidy, "--quiet", config(), "--cross-tu"] + files +
                                    ["--"] + flags, program), program)

    build = os.path.join(out, "build")
    os.makedirs(build)
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump([{"directory": program, "file": name,
                    "arguments": ["clang++"] + flags + ["-c", name]} for name in files], f)
    shards = []
    for index in (1, 2):
        listed = run([sys.executable, args.shard, "-p", build, "--shards", "2", "--index",
                      str(index), "-o", os.path.join(out, "shard-%d" % index), "--root", program,
                      "--list"], program)
        shards.append([line for line in listed.splitlines() if line.endswith(".cpp")])
    merged = os.path.join(out, "facts")
    os.makedirs(merged)
    for index, names in enumerate(shards, 1):
        facts = os.path.join(out, "facts-%d" % index)
        if names:
            run([args.tidy, "--quiet", config(), "--facts-only", "--facts-dir=" + facts, "-p",
                 os.path.join(out, "shard-%d" % index)] + names, program)
        for name in glob.glob(os.path.join(facts, "*")):
            shutil.copy(name, merged)
    printed = ""
    for index, names in enumerate(shards, 1):
        copy = os.path.join(out, "facts-copy-%d" % index)
        shutil.copytree(merged, copy)
        if names:
            printed += run([args.tidy, "--quiet", config(), "--facts-dir=" + copy, "-p",
                            os.path.join(out, "shard-%d" % index)] + names, program)
    ways["shards"] = findings(printed, program)

    printed = ""
    for name in files:
        printed += run([args.tidy, "--quiet", config(["asyncctx.FactsDir=" + merged]), "-p", build,
                        name], program)
    ways["configured"] = findings(printed, program)

    if args.run_clang_tidy:
        facts = os.path.join(out, "facts-run-clang-tidy")
        env = dict(os.environ, ASYNCCTX_FACTS_DIR=facts)
        command = shlex.split(args.run_clang_tidy) + [
            "-clang-tidy-binary", args.tidy, "-p", build, "-quiet", "-j", "2",
            "-config=" + config()[len("--config="):]]
        run(command, program, env)
        ways["run-clang-tidy"] = findings(run(command, program, env), program)

    first = ways["cross-tu"]
    if all(found == first for found in ways.values()):
        print("\n".join(first))
        return 0
    for way, found in ways.items():
        print("== %s" % way)
        print("\n".join(found))
    return 1


if __name__ == "__main__":
    sys.exit(main())

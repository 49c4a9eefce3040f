"""Runs asyncctx-tidy over every test input of the suite (test/checks,
test/stress, examples) with every check, every profile and StrictMode on,
and fails on a crash or a run that hangs.

As is (the default): each input once as it is and once fixing a copy
(notes' fixes too). Prints `crash sweep: N inputs, N runs, N crashes`.

--damaged: each input in four damaged variants, as code is while it is
being typed or when a build is misconfigured: cut off at its middle line,
its last closing brace removed, the closing brace nearest its middle
removed, and behind a missing include (a fatal error). Each variant runs
once as is and once fixing a copy with -fix-errors --fix-notes (clang-tidy
applies fixes to code with errors only with -fix-errors). Prints
`robustness sweep: N inputs, N variants, N runs, N crashes`."""
import argparse
import concurrent.futures
import glob
import os
import shutil
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--tidy", required=True)
parser.add_argument("--src", required=True, help="the project's root")
parser.add_argument("--work", required=True)
parser.add_argument("--damaged", action="store_true", help="run the damaged variants of each input")
parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
parser.add_argument("--timeout", type=int, default=300, help="seconds before a run counts as hung")
args = parser.parse_args()

config = ("{CheckOptions: {asyncctx.Profiles: 'folly;opentelemetry;log4cxx;spdlog;boost-log', "
          "asyncctx-read-outside-run.StrictMode: true}}")
includes = ["-I" + os.path.join(args.src, "include"),
            "-I" + os.path.join(args.src, "test/checks/Inputs"),
            "-I" + os.path.join(args.src, "test/checks/Inputs/profiles"),
            "-I" + os.path.join(args.src, "test/stress/Inputs")]
inputs = sorted(glob.glob(os.path.join(args.src, "test/checks/*.cpp")) +
                glob.glob(os.path.join(args.src, "test/stress/*.cpp")) +
                glob.glob(os.path.join(args.src, "test/stress/*.mm")) +
                glob.glob(os.path.join(args.src, "test/stress/*.c")) +
                glob.glob(os.path.join(args.src, "examples/**/*.cpp"), recursive=True))


def cut_in_half(text):
    lines = text.splitlines(True)
    return "".join(lines[:len(lines) // 2])


def without_brace(text, at):
    return text[:at] + text[at + 1:] if at >= 0 else None


def without_middle_brace(text):
    braces = [i for i, c in enumerate(text) if c == "}"]
    if not braces:
        return None
    return without_brace(text, min(braces, key=lambda i: abs(i - len(text) // 2)))


DAMAGES = [
    ("cut", cut_in_half),
    ("last-brace", lambda text: without_brace(text, text.rfind("}"))),
    ("middle-brace", without_middle_brace),
    ("missing-include", lambda text: '#include "does_not_exist.h"\n' + text),
]


def variants(path):
    """(name, text) of each file to run for \\p path."""
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    if not args.damaged:
        return [(os.path.basename(path), text)]
    stem, ext = os.path.splitext(os.path.basename(path))
    result = []
    for damage, make in DAMAGES:
        damaged = make(text)
        if damaged is not None and damaged != text:
            result.append(("%s.%s%s" % (stem, damage, ext), damaged))
    return result


def run(path, name, text, extra):
    """Runs the tool over a fresh copy; returns the report of a crash, or None."""
    ext = os.path.splitext(path)[1]
    std = "-std=c11" if ext == ".c" else "-std=c++20"
    tag = "fix." if extra else ""
    copy = os.path.join(args.work, tag + name)
    with open(copy, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)
    # The input's own folder too, for its quoted includes.
    cmd = [args.tidy, copy, "-checks=-*,asyncctx-*", "--config=" + config] + extra + \
          ["--", std, "-I" + os.path.dirname(path)] + includes
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              errors="replace", timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return "HANG (over %ds): %s\n" % (args.timeout, " ".join(cmd))
    if proc.returncode < 0 or proc.returncode >= 128 or "Stack dump:" in proc.stdout:
        return "CRASH: %s\n%s\n" % (" ".join(cmd), proc.stdout[-3000:])
    return None


os.makedirs(args.work, exist_ok=True)
fix = ["-fix-errors", "--fix-notes"] if args.damaged else ["-fix", "--fix-notes"]
jobs = []
for path in inputs:
    for name, text in variants(path):
        for extra in ([], fix):
            jobs.append((path, name, text, extra))
with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
    reports = [r for r in pool.map(lambda job: run(*job), jobs) if r]
for report in reports:
    sys.stdout.write(report)
if args.damaged:
    print("robustness sweep: %d inputs, %d variants, %d runs, %d crashes"
          % (len(inputs), len(jobs) // 2, len(jobs), len(reports)))
else:
    print("crash sweep: %d inputs, %d runs, %d crashes" % (len(inputs), len(jobs), len(reports)))
sys.exit(1 if reports or not inputs else 0)

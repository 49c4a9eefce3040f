#!/usr/bin/env python3
"""One lint action of asyncctx_aspect (asyncctx.bzl): runs asyncctx-tidy on
one source and writes

  --report   what asyncctx-tidy reported, with paths relative to the
             execution root (as in the workspace), so that the report is
             the same in a sandbox, locally and on a remote executor;
  --config   (repeatable) the .clang-tidy files that apply, which clang-tidy
             finds by itself: named so that Bazel sees a change to the set;
  --unused   the declared headers (--headers, one per line) that the source
             did not include, for Bazel's unused_inputs_list: a change to
             one of them does not re-run the action.

A non-empty report is also printed, so that Bazel shows it with the action.
With --fail-on-findings the action fails when asyncctx-tidy reports
anything (a warning or an error of any enabled check) or exits non-zero.

usage: asyncctx_lint.py --tidy T --report R --unused U --headers H
                        [--config C...] [--fail-on-findings]
                        SOURCE -- COMPILER_FLAGS...
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# A diagnostic of clang-tidy's report: `file:line:col: warning: text [name]`,
# or without a location (an invalid configuration).
FINDING = re.compile(r"(^|: )(warning|error): .*\[[^\]\s]+\]$")
# What the report leaves out: clang's header tree (-H copies it to the
# standard error) and its count of diagnostics.
NOISE = re.compile(r"^(\.+ |\d+ (warnings?|errors?)( and \d+ errors?)? generated\.$)")


def included_files(path):
    """The files the translation unit opened, as absolute normalised paths;
    None when clang did not get that far."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return {os.path.normpath(os.path.abspath(line.rstrip("\n")))
                    for line in f if line.strip()}
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tidy", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--unused", required=True)
    parser.add_argument("--headers", required=True)
    parser.add_argument("--config", action="append", default=[])
    parser.add_argument("--fail-on-findings", action="store_true")
    parser.add_argument("source")
    parser.add_argument("flags", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    flags = args.flags[1:] if args.flags[:1] == ["--"] else args.flags

    root = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="asyncctx-lint.") as scratch:
        includes = os.path.join(scratch, "includes")
        # -H with -header-include-file writes every file the preprocessor
        # opens to that file (clang-tidy drops -M options, so there is no
        # dependency file).
        command = [os.path.abspath(args.tidy), "--quiet", args.source, "--", *flags,
                   "-H", "-Xclang", "-header-include-file", "-Xclang", includes]
        try:
            run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 universal_newlines=True, errors="replace")
        except OSError as error:
            print("asyncctx_lint: cannot run %s: %s" % (args.tidy, error), file=sys.stderr)
            return 1
        opened = included_files(includes)

    lines = run.stdout.splitlines() + [
        line for line in run.stderr.splitlines() if not NOISE.match(line)]
    report = "".join(line.replace(root + "/", "") + "\n" for line in lines)
    with open(args.report, "w", encoding="utf-8") as f:
        f.write(report)

    with open(args.headers, encoding="utf-8") as f:
        headers = [line.rstrip("\n") for line in f if line.strip()]
    with open(args.unused, "w", encoding="utf-8") as f:
        if opened is not None:
            for header in headers:
                if os.path.normpath(os.path.abspath(header)) not in opened:
                    f.write(header + "\n")

    if report:
        sys.stderr.write(report)
    if run.returncode < 0:
        print("asyncctx_lint: asyncctx-tidy was killed by signal %d" % -run.returncode,
              file=sys.stderr)
        return 1
    findings = any(FINDING.search(line) for line in lines)
    if args.fail_on_findings and (findings or run.returncode != 0):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

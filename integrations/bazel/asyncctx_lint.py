#!/usr/bin/env python3
"""The actions of asyncctx_aspect (asyncctx.bzl), each in the execution
root of its own sandbox:

asyncctx_lint.py facts: the facts of one target's sources
(asyncctx-tidy --facts-only), written to one file (--out), a facts file of
asyncctx-tidy per line, with every path under the execution root made
relative to it (marked with EXECROOT), and without the record of the files
each unit read (only a unit's own analysis checks it), so that the file is
the same in every sandbox and changes only when the facts do. The sources
come in sections, `--files SOURCE... --flags FLAGS...`, one per language.

asyncctx_lint.py findings: asyncctx-tidy on one source with the facts
files given (--facts, repeatable), staged into a facts directory of this
action with the execution root put back; writes

  --report   what asyncctx-tidy reported, with paths relative to the
             execution root (as in the workspace), so that the report is
             the same in a sandbox, locally and on a remote executor;
  --sources  a file naming the sources of the targets whose facts are
             staged, which asyncctx-tidy reads when it places a diagnostic
             in one: those the report does not name, and that hold no
             NOLINT, are listed as unused too.

Both write

  --unused   the declared headers (--headers, one per line) that no source
             included, for Bazel's unused_inputs_list: a change to one of
             them does not re-run the action;

and take --config (repeatable), the .clang-tidy files that apply, which
clang-tidy finds by itself: named so that Bazel sees a change to the set.

A non-empty report is also printed, so that Bazel shows it with the action.
With --fail-on-findings the action fails when asyncctx-tidy reports
anything (a warning or an error of any enabled check) or exits non-zero.

usage: asyncctx_lint.py facts --tidy T --out F --unused U --headers H
                              [--config C...]
                              -- [--files SOURCE... --flags FLAGS...]...
       asyncctx_lint.py findings --tidy T --report R --unused U --headers H
                              [--sources S] [--facts F...] [--config C...]
                              [--fail-on-findings] SOURCE -- FLAGS...
"""

import argparse
import json
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
# The place of a diagnostic in a report: `file:line:col: `.
PLACE = re.compile(r"^([^ :\n]+):\d+:\d+: ", re.MULTILINE)
# What stands for the execution root in a target's facts file.
EXECROOT = "<execroot>"


def included_files(path):
    """The files the translation units opened, as absolute normalised
    paths; None when clang did not get that far."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return {os.path.normpath(os.path.abspath(line.rstrip("\n")))
                    for line in f if line.strip()}
    except OSError:
        return None


def write_unused(headers_path, unused_path, opened):
    """Lists the headers of headers_path that are not in opened (none when
    opened is None: then every header counts as used)."""
    with open(headers_path, encoding="utf-8") as f:
        headers = [line.rstrip("\n") for line in f if line.strip()]
    with open(unused_path, "w", encoding="utf-8") as f:
        if opened is not None:
            for header in headers:
                if os.path.normpath(os.path.abspath(header)) not in opened:
                    f.write(header + "\n")


def header_flags(includes):
    """What makes clang write every file the preprocessor opens to includes
    (clang-tidy drops -M options, so there is no dependency file; -H also
    copies the tree to the standard error). The file is appended to, once
    per translation unit."""
    return ["-H", "-Xclang", "-header-include-file", "-Xclang", includes]


def run_tidy(command):
    try:
        return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, errors="replace")
    except OSError as error:
        print("asyncctx_lint: cannot run %s: %s" % (command[0], error), file=sys.stderr)
        return None


def rewrite_paths(value, old, new):
    """value (parsed JSON) with each string that starts with old + "/"
    starting with new + "/" instead."""
    if isinstance(value, str):
        return new + value[len(old):] if value.startswith(old + "/") else value
    if isinstance(value, list):
        return [rewrite_paths(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: rewrite_paths(v, old, new) for k, v in value.items()}
    return value


def sections(rest):
    """The (sources, flags) of `--files SOURCE... --flags FLAGS...`..."""
    result = []
    for arg in rest:
        if arg == "--files":
            result.append(([], []))
            target = 0
        elif arg == "--flags" and result:
            target = 1
        elif result:
            result[-1][target].append(arg)
        else:
            raise SystemExit("asyncctx_lint: facts: expected --files, got %r" % arg)
    return result


def facts(args, rest):
    root = os.getcwd()
    units = []
    with tempfile.TemporaryDirectory(prefix="asyncctx-facts.") as scratch:
        directory = os.path.join(scratch, "facts")
        includes = os.path.join(scratch, "includes")
        for sources, flags in sections(rest):
            command = [os.path.abspath(args.tidy), "--quiet", "--facts-only",
                       "--facts-dir=" + directory, *sources, "--", *flags,
                       *header_flags(includes)]
            run = run_tidy(command)
            if run is None:
                return 1
            if run.returncode != 0:
                # Facts are made of what compiled; the findings action of
                # each source reports its errors.
                sys.stderr.write(run.stdout + "".join(
                    line + "\n" for line in run.stderr.splitlines() if not NOISE.match(line)))
                if run.returncode < 0:
                    print("asyncctx_lint: asyncctx-tidy was killed by signal %d"
                          % -run.returncode, file=sys.stderr)
                    return 1
        opened = included_files(includes)
        names = sorted(os.listdir(directory)) if os.path.isdir(directory) else []
        for name in names:
            if not name.endswith(".facts.json"):
                continue
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                unit = json.load(f)
            unit["inputs"] = []
            units.append(json.dumps(rewrite_paths(unit, root, EXECROOT), sort_keys=True,
                                    separators=(",", ":")))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in sorted(units)))
    write_unused(args.headers, args.unused, opened)
    return 0


def unused_sources(source_list, source, report):
    """The sources of source_list, the program's, that the report does not
    name as the place of a diagnostic and that hold no NOLINT: the others
    are the files asyncctx-tidy read (it reads another file of the program
    to show a diagnostic placed there, and its NOLINT comments can suppress
    one), so only a change to those can change the report."""
    named = {m.group(1) for m in PLACE.finditer(report)}
    with open(source_list, encoding="utf-8") as f:
        others = [line.rstrip("\n") for line in f if line.strip()]
    for other in others:
        if other == source or os.path.normpath(other) in named:
            continue
        try:
            with open(other, encoding="utf-8", errors="replace") as f:
                if "NOLINT" in f.read():
                    continue
        except OSError:
            continue
        yield other


def stage(facts_files, directory, root):
    """Puts each unit of the facts files into directory, as asyncctx-tidy
    keeps them, with the execution root put back."""
    os.makedirs(directory)
    for i, path in enumerate(facts_files):
        with open(path, encoding="utf-8") as f:
            lines = [line for line in f if line.strip()]
        for j, line in enumerate(lines):
            unit = rewrite_paths(json.loads(line), EXECROOT, root)
            name = os.path.join(directory, "bazel-%d-%d.facts.json" % (i, j))
            with open(name, "w", encoding="utf-8") as f:
                f.write(json.dumps(unit) + "\n")


def findings(args, rest):
    flags = rest
    root = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="asyncctx-lint.") as scratch:
        includes = os.path.join(scratch, "includes")
        command = [os.path.abspath(args.tidy), "--quiet"]
        if args.facts:
            directory = os.path.join(scratch, "facts")
            stage(args.facts, directory, root)
            command.append("--facts-dir=" + directory)
        command += [args.source, "--", *flags, *header_flags(includes)]
        run = run_tidy(command)
        if run is None:
            return 1
        opened = included_files(includes)

    lines = run.stdout.splitlines() + [
        line for line in run.stderr.splitlines() if not NOISE.match(line)]
    report = "".join(line.replace(root + "/", "") + "\n" for line in lines)
    with open(args.report, "w", encoding="utf-8") as f:
        f.write(report)
    write_unused(args.headers, args.unused, opened)
    if args.sources:
        with open(args.unused, "a", encoding="utf-8") as f:
            for other in unused_sources(args.sources, args.source, report):
                f.write(other + "\n")

    if report:
        sys.stderr.write(report)
    if run.returncode < 0:
        print("asyncctx_lint: asyncctx-tidy was killed by signal %d" % -run.returncode,
              file=sys.stderr)
        return 1
    found = any(FINDING.search(line) for line in lines)
    if args.fail_on_findings and (found or run.returncode != 0):
        return 1
    return 0


def main():
    argv = sys.argv[1:]
    rest = []
    if "--" in argv:
        rest = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    kinds = parser.add_subparsers(dest="kind", required=True)
    for kind in ["facts", "findings"]:
        sub = kinds.add_parser(kind)
        sub.add_argument("--tidy", required=True)
        sub.add_argument("--unused", required=True)
        sub.add_argument("--headers", required=True)
        sub.add_argument("--config", action="append", default=[])
        if kind == "facts":
            sub.add_argument("--out", required=True)
        else:
            sub.add_argument("--report", required=True)
            sub.add_argument("--sources")
            sub.add_argument("--facts", action="append", default=[])
            sub.add_argument("--fail-on-findings", action="store_true")
            sub.add_argument("source")
    args = parser.parse_args(argv)
    return facts(args, rest) if args.kind == "facts" else findings(args, rest)


if __name__ == "__main__":
    sys.exit(main())

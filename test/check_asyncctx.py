#!/usr/bin/env python3
"""Runs one asyncctx check test: the tool, then FileCheck on what it printed
and on what it fixed.

    check_asyncctx.py [runner options] SOURCE CHECKS TEMP [-- TIDY-ARGS...]

Compiler arguments come from -I, --std and --compile-arg (repeatable).

Expectations live in SOURCE as comments:
  // CHECK-MESSAGES[-SUFFIX]: ...   what the tool prints. Every warning, error
                                    and note must be matched, so a new false
                                    positive (or a new note) fails the test.
  // CHECK-FIXES[-SUFFIX]: ...      a whole line of the fixed file, exactly:
                                    whitespace after the one space following
                                    the colon is part of the line.
With no CHECK-MESSAGES the tool must print no diagnostic at all.

Each test is run through asyncctx-tidy and, when --plugin is given, through
the stock clang-tidy loading the plugin: both must meet the expectations.
When fixes are expected the fixed file must compile, and a second -fix run
must change nothing.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

CHECK_COMMENT = re.compile(r"//\s*CHECK-[A-Z0-9-]+:[^\r\n]*")
FIXIT_NOTE = re.compile(r"^.*note: FIX-IT applied suggested code changes\n", re.M)
SUMMARY_LINE = re.compile(
    r"^(\d+ warnings? (and \d+ errors? )?generated\.|clang-tidy applied \d+ of \d+ suggested fixes\.|"
    r"Suppressed \d+ warnings.*|Use -header-filter=.*|Use -system-headers.*)\n",
    re.M)


def fail(message, output=None):
    sys.stderr.write("check_asyncctx: %s\n" % message)
    if output:
        sys.stderr.write("------ output ------\n%s\n--------------------\n" % output)
    sys.exit(1)


def run(cmd, check_exit=None):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stdout.write("$ %s\n" % " ".join(shlex.quote(c) for c in cmd))
    # A crash fails every test, --no-compile or not.
    if proc.returncode < 0 or proc.returncode >= 128 or "Stack dump:" in proc.stdout:
        fail("'%s' crashed (exit %d)" % (os.path.basename(cmd[0]), proc.returncode), proc.stdout)
    if check_exit is not None and proc.returncode != check_exit:
        fail("'%s' exited with %d" % (os.path.basename(cmd[0]), proc.returncode), proc.stdout)
    return proc


def filecheck(args, check_file, input_text, prefix, temp, extra):
    input_path = temp + "." + prefix.lower().replace(",", "+") + ".out"
    with open(input_path, "w") as f:
        f.write(input_text)
    cmd = [args.filecheck, check_file, "-input-file=" + input_path, "-check-prefixes=" + prefix,
           "-dump-input=fail", "--allow-unused-prefixes"] + extra
    proc = run(cmd)
    if proc.returncode != 0:
        fail("FileCheck failed for %s" % prefix, proc.stdout)


def fixes_check_file(source_text, prefix, temp):
    """The CHECK-FIXES lines, rewritten so that every character after the
    one space that follows the colon is matched."""
    pattern = re.compile(r"//\s*(%s(?:-NEXT|-SAME|-NOT|-EMPTY)?):( ?)(.*)$" % re.escape(prefix))
    lines = []
    for line in source_text.splitlines():
        m = pattern.search(line)
        if m:
            lines.append("%s:%s" % (m.group(1), m.group(3)))
    path = temp + ".fixes.check"
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def clean_messages(output):
    output = FIXIT_NOTE.sub("", output)
    return SUMMARY_LINE.sub("", output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tidy", required=True, help="asyncctx-tidy")
    parser.add_argument("--stock", help="a stock clang-tidy to run with --plugin")
    parser.add_argument("--plugin", help="the plugin for the stock clang-tidy's -load")
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--clangxx", required=True, help="compiles the fixed file")
    parser.add_argument("--check-suffix", default="", help="use CHECK-MESSAGES-<S>/CHECK-FIXES-<S>; several "
                        "suffixes (A,B) match the messages of each, the fixes of the first")
    parser.add_argument("--std", default="c++17")
    parser.add_argument("-I", dest="includes", action="append", default=[])
    parser.add_argument("--compile-arg", action="append", default=[],
                        help="one more compiler argument, e.g. --compile-arg=-DNAME")
    parser.add_argument("--no-compile", action="store_true",
                        help="the input does not compile as it is (error tests)")
    parser.add_argument("source")
    parser.add_argument("checks")
    parser.add_argument("temp")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args()

    tidy_args = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    compiler_args = ["-std=" + args.std] + ["-I" + i for i in args.includes] + args.compile_arg
    suffixes = ["-" + s for s in args.check_suffix.split(",")] if args.check_suffix else [""]
    messages_prefix = ",".join("CHECK-MESSAGES" + s for s in suffixes)
    fixes_prefix = "CHECK-FIXES" + suffixes[0]

    with open(args.source) as f:
        source_text = f.read()
    has_messages = any(re.search(r"\b%s:" % re.escape(p), source_text)
                       for p in messages_prefix.split(","))
    has_fixes = re.search(r"\b%s(-NEXT|-SAME|-NOT|-EMPTY)?:" % re.escape(fixes_prefix), source_text) is not None

    ext = os.path.splitext(args.source)[1] or ".cpp"
    work = args.temp + ext
    os.makedirs(os.path.dirname(os.path.abspath(work)), exist_ok=True)
    # The expectations are comments; blank them (keeping the line numbers) so
    # that a fix pattern never matches its own text in the fixed file.
    stripped = CHECK_COMMENT.sub("//", source_text)
    with open(work, "w") as f:
        f.write(stripped)

    if not any(a.startswith(("-config=", "--config=", "-config-file", "--config-file")) for a in tidy_args):
        # Keep .clang-tidy files around the build directory out of the test.
        tidy_args = ["--config={}"] + tidy_args
    common = ["-checks=-*," + args.checks] + tidy_args
    fix_args = ["-fix"] if has_fixes and "--fix-notes" not in tidy_args else []

    def check_messages(output, who):
        output = clean_messages(output)
        if has_messages:
            filecheck(args, args.source, output, messages_prefix, args.temp + "." + who,
                      ["-implicit-check-not={{warning|error|note}}:"])
        elif re.search(r"(warning|error|note):", output):
            fail("%s printed diagnostics, and the test expects none" % who, output)

    # 1. asyncctx-tidy, fixing in place when fixes are expected.
    proc = run([args.tidy, work] + fix_args + common + ["--"] + compiler_args)
    if proc.returncode != 0 and not args.no_compile:
        fail("asyncctx-tidy exited with %d" % proc.returncode, proc.stdout)
    check_messages(proc.stdout, "tool")

    # 2. The same file through the stock clang-tidy and the plugin.
    if args.plugin:
        plugin_src = args.temp + ".plugin" + ext
        with open(plugin_src, "w") as f:
            f.write(stripped)
        proc = run([args.stock, "-load", args.plugin, plugin_src] + common + ["--"] + compiler_args)
        if proc.returncode != 0 and not args.no_compile:
            fail("clang-tidy -load exited with %d" % proc.returncode, proc.stdout)
        check_messages(proc.stdout.replace(plugin_src, work), "plugin")

    if not has_fixes:
        with open(work) as f:
            if f.read() != stripped:
                fail("the tool changed the file, and the test expects no fix")
        return

    # 3. The fixed file reads as expected, compiles, and a second -fix run
    #    changes nothing.
    with open(work) as f:
        fixed = f.read()
    filecheck(args, fixes_check_file(source_text, fixes_prefix, args.temp), fixed, fixes_prefix,
              args.temp, ["-strict-whitespace", "-match-full-lines"])
    if not args.no_compile:
        run([args.clangxx, "-fsyntax-only", work] + compiler_args, check_exit=0)
    run([args.tidy, work] + (fix_args or ["-fix"]) + common + ["--"] + compiler_args)
    with open(work) as f:
        again = f.read()
    if again != fixed:
        import difflib
        diff = "".join(difflib.unified_diff(fixed.splitlines(True), again.splitlines(True),
                                            "first -fix", "second -fix"))
        fail("a second -fix run changed the file", diff)


if __name__ == "__main__":
    main()

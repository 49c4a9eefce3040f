#!/usr/bin/env python3
"""Runs asyncctx-tidy over the fixed context-propagation bugs of folly,
fbthrift and proxygen (docs/real-bugs.md), each as it was and as it was
fixed, and says which the checks find.

    python3 bench/real_bugs.py [--tidy build/asyncctx-tidy]

Each bench/real-bugs/NN-*.cpp is our own paraphrase of one fix, in folly's
real names, compiled against the stand-ins under
test/checks/Inputs/profiles (no checkout needed): without -DFIXED it is the
buggy shape, with -DFIXED the fixed one. Its first comment line names the
commit, its second the rule of the spec's "Deferred work and the code it
runs" it belongs to. A bug is found when the buggy shape has an asyncctx
warning that the fixed shape does not have (same check, same line of the
shared code); a fixed shape with warnings is a false positive on the code
where the bug was fixed. The `folly` profile is on.
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CONFIG = "{Checks: '-*,asyncctx-*', CheckOptions: {asyncctx.Profiles: 'folly'}}"
WARNING = re.compile(r"^[^:\n]+:(\d+):\d+: warning: (.*) \[(asyncctx-[\w-]+)\]$")


def warnings(tidy, path, fixed):
    cmd = [tidy, "--quiet", "--config=" + CONFIG, path, "--", "-std=c++20",
           "-I" + os.path.join(ROOT, "test", "checks", "Inputs", "profiles")]
    if fixed:
        cmd.append("-DFIXED")
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode < 0 or "Stack dump:" in proc.stdout:
        sys.exit("crash on %s%s:\n%s" % (path, " -DFIXED" if fixed else "", proc.stdout))
    found = []
    for line in proc.stdout.splitlines():
        m = WARNING.match(line)
        if m:
            found.append((int(m.group(1)), m.group(3), m.group(2)))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tidy", default=os.path.join(os.environ.get("ASYNCCTX_BUILD_DIR", os.path.join(ROOT, "build")), "asyncctx-tidy"))
    args = parser.parse_args()
    folder = os.path.join(HERE, "real-bugs")
    found = false_positives = total = 0
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".cpp"):
            continue
        path = os.path.join(folder, name)
        header = open(path).read().splitlines()
        rule = next((l for l in header if l.startswith("// Rule")), "").split(":")[0][3:]
        buggy = warnings(args.tidy, path, False)
        fixed = warnings(args.tidy, path, True)
        # Lines differ between the two shapes; a finding of the buggy shape
        # counts when the fixed shape has no warning of the same check and
        # message.
        fixed_keys = {(check, message) for _, check, message in fixed}
        new = [w for w in buggy if (w[1], w[2]) not in fixed_keys]
        total += 1
        found += bool(new)
        false_positives += bool(fixed)
        print("%s (%s): %s; fixed shape: %s" % (name, rule, "FOUND" if new else "not found",
                                                "%d warning(s)" % len(fixed) if fixed else "silent"))
        for line, check, message in buggy:
            print("  buggy:%d: %s [%s]" % (line, message, check))
        for line, check, message in fixed:
            print("  fixed:%d: %s [%s]" % (line, message, check))
    print("\n%d bugs, %d found, %d fixed shapes with warnings" % (total, found, false_positives))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A generated fix-it sweep: many small programs with enter_with at random
positions (seeded, so every run makes the same programs), each fixed with
`asyncctx-tidy -fix --fix-notes`, compiled, and fixed again to show that the
second run changes nothing.

    sweep.py --tidy T --clangxx C --include DIR --inputs DIR --out DIR [--seed S] [--count N]

Prints one line per program that fails, and `sweep: N programs, M fixed
calls, K failures`; exits non-zero on any failure.
"""

import argparse
import os
import random
import subprocess
import sys

HEADER = """#include "mock_store.h"
mock::store<Claims> claims_storage;
mock::store<Claims> request_ids;
int read_user();
void work(int);
"""


class Program:
    def __init__(self, rng):
        self.rng = rng
        self.counter = 0

    def store(self):
        return self.rng.choice(["claims_storage", "request_ids"])

    def simple(self, depth, in_loop, in_switch):
        """One statement that is fine anywhere."""
        self.counter += 1
        n = self.counter
        choices = [
            "work(%d);" % n,
            "int v%d = read_user();\nwork(v%d);" % (n, n),
            "%s.run(Claims{%d}, [&] { work(read_user()); });" % (self.store(), n),
            "%s.enter_with(Claims{%d});" % (self.store(), n),
            "%s.disable();" % self.store(),
            "auto l%d = [&](int x) { return x + %d; };\nwork(l%d(1));" % (n, n, n),
        ]
        if in_loop:
            choices += ["if (read_user() == %d) break;" % n, "if (read_user() == %d) continue;" % n]
        if depth < 2:
            choices += ["compound", "if", "for", "switch"]
        pick = self.rng.choice(choices)
        if pick == "compound":
            return "{\n%s\n}" % self.block(depth + 1, in_loop, in_switch)
        if pick == "if":
            return "if (read_user() > %d) {\n%s\n} else {\n%s\n}" % (
                n, self.block(depth + 1, in_loop, in_switch), self.block(depth + 1, in_loop, in_switch))
        if pick == "for":
            return "for (int i%d = 0; i%d < 3; ++i%d) {\n%s\n}" % (n, n, n, self.block(depth + 1, True, in_switch))
        if pick == "switch":
            return "switch (read_user()) {\ncase 1: {\n%s\n  break;\n}\ndefault:\n  work(%d);\n}" % (
                self.block(depth + 1, in_loop, True), n)
        return pick

    def block(self, depth, in_loop=False, in_switch=False):
        return "\n".join(self.simple(depth, in_loop, in_switch) for _ in range(self.rng.randint(1, 4)))

    def function(self, index):
        kind = self.rng.choice(["invocation_void", "invocation_int", "helper_void", "helper_int", "thread"])
        body = self.block(0)
        if kind == "invocation_void":
            return "ASYNCCTX_INVOCATION void f%d(Claims c) {\n%s\n}\n" % (index, body)
        if kind == "invocation_int":
            return "ASYNCCTX_INVOCATION int f%d(Claims c) {\n%s\nreturn read_user();\n}\n" % (index, body)
        if kind == "helper_void":
            return "void f%d(Claims c) {\n%s\nif (read_user()) return;\nwork(0);\n}\n" % (index, body)
        if kind == "helper_int":
            return "int f%d(Claims c) {\n%s\nreturn %d;\n}\n" % (index, body, index)
        return "void f%d(Claims c) {\n  auto task = [&] {\n%s\n};\n  task();\n}\n" % (index, body)

    def text(self):
        return HEADER + "\n".join(self.function(i) for i in range(self.rng.randint(2, 5)))


def indent(code):
    """Indents by braces, two spaces a level, so the rewrite has a layout to keep."""
    out, level = [], 0
    for line in code.splitlines():
        line = line.strip()
        if line.startswith("}"):
            level -= 1
        out.append("  " * max(level, 0) + line if line else "")
        level += line.count("{") - line.count("}") + (1 if line.startswith("}") else 0)
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ("tidy", "clangxx", "include", "inputs", "out"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    flags = ["-std=c++17", "-I" + args.include, "-I" + args.inputs]
    tidy = [args.tidy, "--quiet", "--config={}", "-checks=-*,asyncctx-enter-with", "-fix", "--fix-notes"]
    failures, fixed_calls = 0, 0
    for index in range(args.count):
        rng = random.Random(args.seed * 1000 + index)
        text = indent(Program(rng).text())
        path = os.path.join(args.out, "sweep_%d_%d.cpp" % (args.seed, index))
        with open(path, "w") as f:
            f.write(text)
        problem = None
        if subprocess.run([args.clangxx, "-fsyntax-only", path] + flags, capture_output=True).returncode:
            problem = "the generated program does not compile"
        else:
            subprocess.run(tidy + [path, "--"] + flags, capture_output=True)
            with open(path) as f:
                fixed = f.read()
            fixed_calls += text.count(".enter_with(") - fixed.count(".enter_with(")
            compiled = subprocess.run([args.clangxx, "-fsyntax-only", path] + flags,
                                      capture_output=True, text=True)
            if compiled.returncode:
                problem = "the fixed program does not compile:\n" + compiled.stderr[:2000]
            else:
                subprocess.run(tidy + [path, "--"] + flags, capture_output=True)
                with open(path) as f:
                    if f.read() != fixed:
                        problem = "a second -fix changed the program"
        if problem:
            failures += 1
            print("sweep: %s (seed %d, program %d): %s" % (path, args.seed, index, problem))
    print("sweep: %d programs, %d fixed calls, %d failures" % (args.count, fixed_calls, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

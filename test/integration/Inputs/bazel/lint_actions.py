#!/usr/bin/env python3
"""Lists the actions of asyncctx_aspect in a Bazel build from its execution
log (--execution_log_json_file): a line per facts action (mnemonic
AsyncCtxFacts, named by its target) and per lint action (AsyncCtxTidy,
named by the target it lints in and its source) that Bazel ran or took
from the disk cache, sorted by target and source, then how many of each
ran:

  facts ran linux-sandbox //handlers:handlers
  ran linux-sandbox //app:app app/main.cpp
  cache-hit //app:app handlers/format.cpp
  1 facts actions ran
  1 lint actions ran

Actions the local action cache skipped are not in the log at all."""

import json
import re
import sys

# The target of an output: bazel-out/<config>/bin/<package>/_asyncctx/<name>...
OUTPUT = re.compile(r"^bazel-out/[^/]+/bin/(?:(.*)/)?_asyncctx/([^/]+?)(?:\.facts$|/)")


def spawns(path):
    text = open(path, encoding="utf-8").read()
    decoder = json.JSONDecoder()
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return
        spawn, index = decoder.raw_decode(text, index)
        yield spawn


def target_of(args, option):
    m = OUTPUT.match(args[args.index(option) + 1])
    return "//%s:%s" % (m.group(1) or "", m.group(2))


def main():
    facts, lints = [], []
    ran = {"facts": 0, "lint": 0}
    for spawn in spawns(sys.argv[1]):
        args = spawn["commandArgs"]
        if spawn.get("mnemonic") == "AsyncCtxFacts":
            kind, what, into = "facts", target_of(args, "--out"), facts
        elif spawn.get("mnemonic") == "AsyncCtxTidy":
            kind, into = "lint", lints
            what = "%s %s" % (target_of(args, "--report"), args[args.index("--") - 1])
        else:
            continue
        prefix = "facts " if kind == "facts" else ""
        if spawn.get("remoteCacheHit"):
            into.append((what, "%scache-hit %s" % (prefix, what)))
        else:
            ran[kind] += 1
            into.append((what, "%sran %s %s" % (prefix, spawn.get("runner", "?"), what)))
    for _, line in sorted(facts) + sorted(lints):
        print(line)
    print("%d facts actions ran" % ran["facts"])
    print("%d lint actions ran" % ran["lint"])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Lists the lint actions of a Bazel build from its execution log
(--execution_log_json_file): a line per asyncctx-tidy action Bazel ran or
took from the disk cache, sorted by source, and how many ran:

  ran linux-sandbox app/main.cpp
  cache-hit handlers/format.cpp
  2 lint actions ran

Actions the local action cache skipped are not in the log at all."""

import json
import sys


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


def main():
    lines = []
    ran = 0
    for spawn in spawns(sys.argv[1]):
        if spawn.get("mnemonic") != "AsyncCtxTidy":
            continue
        args = spawn["commandArgs"]
        source = args[args.index("--") - 1]
        if spawn.get("remoteCacheHit"):
            lines.append("cache-hit %s" % source)
        else:
            ran += 1
            lines.append("ran %s %s" % (spawn.get("runner", "?"), source))
    for line in sorted(lines, key=lambda l: l.split()[-1]):
        print(line)
    print("%d lint actions ran" % ran)


if __name__ == "__main__":
    main()

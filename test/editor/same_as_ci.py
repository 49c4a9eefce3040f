#!/usr/bin/env python3
"""Compare what the editor shows for one file with what CI prints for it.

    same_as_ci.py --file NAME CI_OUTPUT EDITOR_OUTPUT

CI_OUTPUT is asyncctx-tidy's (`path:line:col: warning: message [check]`),
EDITOR_OUTPUT is lsp_client.py's (`diagnostic line:col warning clang-tidy
check: Message`). The warnings of the file NAME in both are compared by
place, check and message (clangd starts a message with a capital letter and may end it with
"(fix available)").
Prints `same as CI: N warnings` and exits 0 when they agree; otherwise
prints each warning one side lacks and exits 1.
"""

import argparse
import os
import re
import sys

CI = re.compile(r"^(\S+):(\d+):(\d+): warning: (.*) \[([\w.,-]+)\]$")
EDITOR = re.compile(r"^diagnostic (\d+):(\d+) warning clang-tidy ([\w.-]+): (.*)$")


def key(line, column, check, message):
    return "%s:%s %s: %s" % (line, column, check, message[:1].lower() + message[1:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", required=True)
    parser.add_argument("ci")
    parser.add_argument("editor")
    args = parser.parse_args()
    ci, editor = set(), set()
    with open(args.ci) as f:
        for text in f:
            m = CI.match(text.rstrip("\n"))
            if m and os.path.basename(m.group(1)) == args.file:
                ci.add(key(m.group(2), m.group(3), m.group(5), m.group(4)))
    with open(args.editor) as f:
        for text in f:
            m = EDITOR.match(text.rstrip("\n"))
            if m:
                message = m.group(4)
                if message.endswith(" (fix available)"):  # clangd's addition
                    message = message[:-len(" (fix available)")]
                editor.add(key(m.group(1), m.group(2), m.group(3), message))
    for missing in sorted(ci - editor):
        print("missing in the editor: " + missing)
    for extra in sorted(editor - ci):
        print("not in CI: " + extra)
    if ci != editor or not ci:
        print("differs from CI" if ci else "CI printed no warning for " + args.file)
        return 1
    print("same as CI: %d warnings" % len(ci))
    return 0


if __name__ == "__main__":
    sys.exit(main())

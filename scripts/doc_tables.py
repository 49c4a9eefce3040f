#!/usr/bin/env python3
"""The docs' tables and summaries come from checks/utils/Roles.def and
checks/Checks.def, where the checks themselves take them from.

    python3 scripts/doc_tables.py --check   # exit 1, naming what drifted
    python3 scripts/doc_tables.py --write   # rewrite the tables in docs/

Roles.def gives the role table of docs/annotations.md and the key table of
docs/profiles.md (between `<!-- roles-table -->` and `<!-- /roles-table -->`
markers) and the macros of include/asyncctx/annotations.h. Checks.def gives
each check's one-sentence summary, which opens docs/checks/<name>.md and the
`///` comment of checks/<Class>.h.
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def c_string(arg):
    """A macro argument made of string literals, adjacent ones joined."""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', arg)).replace('\\"', '"')


def split_args(text):
    args, depth, current, in_str = [], 0, "", False
    for i, ch in enumerate(text):
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):
            in_str = not in_str
        if not in_str and ch == "," and depth == 0:
            args.append(current)
            current = ""
            continue
        if not in_str and ch == "(":
            depth += 1
        if not in_str and ch == ")":
            depth -= 1
        current += ch
    args.append(current)
    return [a.strip() for a in args]


def entries(path, macro):
    text = open(os.path.join(ROOT, path)).read()
    text = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("//"))
    out = []
    for m in re.finditer(r"^%s\((.*?)\)\s*$" % macro, text, re.M | re.S):
        args = split_args(m.group(1))
        out.append([args[0]] + [c_string(a) for a in args[1:]])
    return out


def roles():
    return [dict(zip(["name", "annotation", "macro", "key", "on", "lists", "summary"], e))
            for e in entries("checks/utils/Roles.def", "ASYNCCTX_ROLE")]


def checks():
    return [dict(zip(["cls", "name", "summary"], e))
            for e in entries("checks/Checks.def", "ASYNCCTX_CHECK")]


def annotations_table():
    rows = ["| macro | put it on | meaning |", "|---|---|---|"]
    rows += ["| `%s` | %s | %s |" % (r["macro"], r["on"], r["summary"]) for r in roles()]
    return "\n".join(rows)


def keys_table():
    rows = ["| key | role ([annotations.md](annotations.md)) | lists |", "|---|---|---|",
            "| `asyncctx.Profiles` | built-in profiles (below) | profile names; `-name` switches one off. "
            "Default: `aws-lambda` |"]
    rows += ["| `%s` | `%s` | %s |" % (r["key"], r["macro"], r["lists"]) for r in roles()]
    rows.append("| `asyncctx.NeverEmptyReads` | `ASYNCCTX_READ` that never returns null or empty | "
                "functions that return a default where no scope is active: not reported there, and "
                "a null test of what they return is (also gives the READ role) |")
    rows.append("| `asyncctx.InvocationRunners` | (none) | functions whose callable arguments are "
                "invocations, in addition to the profiles' runners |")
    return "\n".join(rows)


TABLES = {"docs/annotations.md": annotations_table, "docs/profiles.md": keys_table}
MARK = re.compile(r"(<!-- roles-table -->\n)(.*?)(\n<!-- /roles-table -->)", re.S)


def words(text):
    return " ".join(re.sub(r"^\s*///?\s?", "", text, flags=re.M).split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--root", help="the source tree (default: this script's)")
    args = parser.parse_args()
    global ROOT
    ROOT = os.path.abspath(args.root or ROOT)
    problems = []
    for path, make in TABLES.items():
        full = os.path.join(ROOT, path)
        text = open(full).read()
        m = MARK.search(text)
        if not m:
            problems.append("%s: no <!-- roles-table --> markers" % path)
            continue
        if m.group(2) != make():
            if args.write:
                open(full, "w").write(text[:m.start(2)] + make() + text[m.end(2):])
            else:
                problems.append("%s: the table differs from checks/utils/Roles.def "
                                "(python3 scripts/doc_tables.py --write)" % path)
    header = open(os.path.join(ROOT, "include/asyncctx/annotations.h")).read()
    for r in roles():
        if not re.search(r'#define %s ASYNCCTX_ANNOTATE_\("%s"\)' % (r["macro"], r["annotation"]), header):
            problems.append("include/asyncctx/annotations.h: no %s for asyncctx::%s" % (r["macro"], r["annotation"]))
    for c in checks():
        page_path = os.path.join(ROOT, "docs/checks/%s.md" % c["name"])
        if not os.path.exists(page_path):
            problems.append("docs/checks/%s.md: missing (every check has its page)" % c["name"])
            continue
        page = open(page_path).read()
        first = page.split("\n\n")[1] if "\n\n" in page else ""
        if words(first) != words(c["summary"]):
            problems.append("docs/checks/%s.md: its first paragraph is not the summary in checks/Checks.def" % c["name"])
        head = open(os.path.join(ROOT, "checks/%s.h" % c["cls"])).read()
        doc = "\n".join(l for l in head.splitlines() if l.startswith("///"))
        if words(c["summary"]) not in words(doc):
            problems.append("checks/%s.h: its /// comment does not open with the summary in checks/Checks.def" % c["cls"])
    for p in problems:
        print("doc_tables: " + p)
    print("doc_tables: %d roles, %d checks, %d problems" % (len(roles()), len(checks()), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

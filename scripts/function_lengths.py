#!/usr/bin/env python3
"""function_lengths: the longest functions of the given files, in lines.

    function_lengths.py [--max N] FILE...

A function's length is the number of lines from the line its signature
starts on to the line of its closing brace (C++), or from its `def` to its
last line (Python, by the `ast` module), both included, blank lines and
comments too. For C++, a function body is a `{` that follows `)` (not the
condition of an if, for, while, switch or catch), `const`, `noexcept`,
`override`, a trailing return type or a constructor's initializer list,
matched to its
`}` after comments, strings and character literals are blanked; its
signature starts at the first line, going back from the `{`, that follows
a `;`, `}`, `{` or a blank line. Lambdas are counted on their own and
within their function.

Prints `LENGTH FILE:LINE NAME` for each function, longest first; with
--max, prints only those longer and exits 1 when there is one.
"""

import argparse
import ast
import re
import sys

BODY_BEFORE = re.compile(r"(\)|\bconst|\bnoexcept|\boverride|\bfinal|\)\s*->\s*[\w:<>,\s*&]+)\s*$")


def blank_cpp(text):
    """Comments, string and character literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (j + 1 - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def is_control(before):
    """Whether the `)` that `before` ends with closes the condition of an
    if, for, while, switch or catch."""
    stripped = before.rstrip()
    if not stripped.endswith(")"):
        return False
    depth, i = 0, len(stripped) - 1
    while i >= 0:
        if stripped[i] == ")":
            depth += 1
        elif stripped[i] == "(":
            depth -= 1
            if depth == 0:
                break
        i -= 1
    return re.search(r"\b(if|for|while|switch|catch)\s*$", stripped[:i]) is not None


def cpp_functions(path):
    text = blank_cpp(open(path, encoding="utf-8").read())
    lines = text.split("\n")
    line_of = []
    for number, line in enumerate(lines, 1):
        line_of.extend([number] * (len(line) + 1))
    stack, found = [], []
    for i, c in enumerate(text):
        if c == "{":
            before = text[:i]
            # A constructor's initializer list: `) : A(x), B{y} {`.
            is_body = (bool(BODY_BEFORE.search(before[-200:])) and not is_control(before)) or bool(
                re.search(r"\)\s*:\s*[\w:]+[({][^;{}]*[)}]\s*$", before[-400:]))
            stack.append((i, is_body))
        elif c == "}" and stack:
            start, is_body = stack.pop()
            if is_body:
                first = line_of[start]
                while first > 1:
                    previous = lines[first - 2].strip()
                    if not previous or previous.endswith((";", "}", "{")) or previous.startswith("#"):
                        break
                    first -= 1
                name = lines[first - 1].strip()[:60]
                found.append((line_of[i] - first + 1, first, name))
    return found


def python_functions(path):
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    return [(node.end_lineno - node.lineno + 1, node.lineno, "def " + node.name)
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def is_python(path):
    if path.endswith(".py"):
        return True
    with open(path, encoding="utf-8") as f:
        return "python" in f.readline()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    rows = []
    for path in args.files:
        functions = python_functions(path) if is_python(path) else cpp_functions(path)
        rows += [(length, path, line, name) for length, line, name in functions]
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    if args.max is not None:
        rows = [r for r in rows if r[0] > args.max]
    for length, path, line, name in rows:
        print("%d %s:%d %s" % (length, path, line, name))
    return 1 if args.max is not None and rows else 0


if __name__ == "__main__":
    sys.exit(main())

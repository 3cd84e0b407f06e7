#!/usr/bin/env python3
"""Lists the longest non-test functions in src/ (lines from `fn` to its closing brace).

Usage: scripts/fn-lengths.py [--top N] [--over LINES]

Written by hand: it only needs to tell code from strings, chars and comments,
which a full Rust parser would do at the cost of a dependency for a dev script.
"""
import argparse
import pathlib
import re
import sys

FN = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")


def mask(text):
    """Replaces strings, chars and comments by spaces, keeping newlines and length."""
    out = list(text)
    i, n = 0, len(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
        elif re.match(r'b?r(#*)"', text[i:i + 40]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'b?r(#*)"', text[i:])
            end = '"' + m.group(1)
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            blank(i, j)
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(i, j + 1)
            i = j + 1
        elif c == "'":
            m = re.match(r"'(\\.[^']*|[^\\'])'", text[i:])
            if m:
                blank(i, i + m.end())
                i += m.end()
            else:
                i += 1  # a lifetime
        else:
            i += 1
    return "".join(out)


def test_ranges(code):
    """Byte ranges of `#[cfg(test)]` items, skipped."""
    ranges = []
    for m in re.finditer(r"#\[cfg\(test\)\]", code):
        start = code.find("{", m.end())
        semi = code.find(";", m.end())
        if start < 0 or (0 <= semi < start):
            continue
        end = match_brace(code, start)
        ranges.append((m.start(), end))
    return ranges


def match_brace(code, start):
    depth = 0
    for j in range(start, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def functions(path):
    text = path.read_text()
    code = mask(text)
    skip = test_ranges(code)
    for m in FN.finditer(code):
        if any(a <= m.start() <= b for a, b in skip):
            continue
        # The body starts at the first `{` at bracket depth 0 after the name;
        # a `;` first means a declaration without body.
        depth, j = 0, m.end()
        while j < len(code):
            ch = code[j]
            if ch in "(<[":
                depth += 1
            elif ch in ")>]":
                depth -= 1 if not (ch == ">" and code[j - 1] == "-") else 0
            elif ch == ";" and depth <= 0:
                j = -1
                break
            elif ch == "{" and depth <= 0:
                break
            j += 1
        if j < 0 or j >= len(code):
            continue
        end = match_brace(code, j)
        first = code.count("\n", 0, m.start()) + 1
        last = code.count("\n", 0, end) + 1
        yield last - first + 1, f"{path}:{first}", m.group(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--over", type=int, default=0)
    ap.add_argument("root", nargs="?", default="src")
    args = ap.parse_args()
    found = []
    for path in sorted(pathlib.Path(args.root).rglob("*.rs")):
        if path.name == "tests.rs" or "tests" in path.parts[:-1]:
            continue
        found.extend(functions(path))
    found.sort(reverse=True)
    shown = [f for f in found if f[0] > args.over] if args.over else found[: args.top]
    for lines, where, name in shown:
        print(f"{lines:5}  {name:32} {where}")
    print(f"{sum(1 for f in found if f[0] > 150)} over 150 lines, "
          f"{sum(1 for f in found if f[0] > 100)} over 100, {len(found)} functions",
          file=sys.stderr)


if __name__ == "__main__":
    main()

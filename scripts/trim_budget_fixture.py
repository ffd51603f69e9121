#!/usr/bin/env python3
"""Trims a published budget document (DocumentBudgetaire XML, pretty-printed, one tag per line)
to what the loader reads, keeping its bytes, encoding, line breaks and wrapping elements as they
are: the headers (EnTeteDocBudgetaire, EnTeteBudget, BlocBudget), the staff annex
(DATA_PERSONNEL) and the elements that enclose them; every other element is dropped with its
content. Used for tests/data/budget/ (see tests/data/budget/README.md).

Usage: trim_budget_fixture.py SOURCE.xml OUT.xml
"""
import re
import sys

KEEP = {b"EnTeteDocBudgetaire", b"EnTeteBudget", b"BlocBudget", b"DATA_PERSONNEL", b"VersionSchema"}
TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)([^>]*?)(/?)>")


def local(name):
    return name.split(b":")[-1]


def main(src, out):
    lines = open(src, "rb").read().split(b"\n")
    # (name, line index, kept) of the open elements; a line is kept when it is in a kept
    # subtree or opens/closes an element that encloses a kept one.
    stack = []
    keep = [False] * len(lines)
    opened_at = {}
    for i, line in enumerate(lines):
        tags = list(TAG.finditer(line))
        inside = any(local(n) in KEEP for n, _ in stack)
        if not tags:
            keep[i] = inside or i == 0
            continue
        for t in tags:
            closing, name, _, empty = t.group(1), t.group(2), t.group(3), t.group(4)
            if name.startswith(b"?") or name.startswith(b"!"):
                continue
            if closing:
                n, at = stack.pop()
                if keep[at] or inside:
                    keep[i] = True
            else:
                if inside or local(name) in KEEP:
                    keep[i] = True
                    for _, at in stack:
                        keep[at] = True
                if not empty:
                    stack.append((name, i))
        keep[i] = keep[i] or inside
    keep[0] = True
    # Closing lines of enclosing elements.
    stack = []
    for i, line in enumerate(lines):
        for t in TAG.finditer(line):
            closing, name, empty = t.group(1), t.group(2), t.group(4)
            if closing:
                _, at = stack.pop()
                if keep[at]:
                    keep[i] = True
            elif not empty:
                stack.append((name, i))
    open(out, "wb").write(b"\n".join(l for l, k in zip(lines, keep) if k))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

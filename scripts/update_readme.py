#!/usr/bin/env python3
"""Refresh the command outputs shown in README.md and docs/examples.md (the full outputs).

Each block between `<!-- README-OUTPUT: ARGS -->` and `<!-- END-OUTPUT -->` is replaced by the
real standard output of `exposure ARGS` (run from the repository root). The test
`tests/cli/readme.rs` fails when a block is out of date.
Usage: cargo build && python3 scripts/update_readme.py
"""
import os
import re
import shlex
import subprocess

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "target", "debug", "exposure")
pattern = re.compile(r"(<!-- README-OUTPUT: (.*?) -->\n)(.*?)(<!-- END-OUTPUT -->)", re.S)


def render(match):
    args = match.group(2)
    out = subprocess.run([binary] + shlex.split(args), cwd=root, capture_output=True, check=True,
                         env={**os.environ, "NO_COLOR": "1"})
    body = out.stdout.decode("utf-8")
    return f"{match.group(1)}```text\n$ exposure {args}\n{body}```\n{match.group(4)}"


for name in ["README.md", os.path.join("docs", "examples.md")]:
    path = os.path.join(root, name)
    text = open(path, encoding="utf-8").read()
    new = pattern.sub(render, text)
    if new != text:
        open(path, "w", encoding="utf-8").write(new)
        print(f"{name} updated")
    else:
        print(f"{name} already up to date")

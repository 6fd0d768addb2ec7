#!/usr/bin/env python3
"""Folder dependency order of Sources/AmpScope, from the types each folder declares and uses.

Each top-level folder of Sources/AmpScope (and the files directly in it, as "(root)") declares
the top-level types, type aliases, functions and constants written at column 0 of its files; a
folder uses another when one of its files names a declaration of that folder (comments and string
literals are left out). Extensions count as a use of the extended type.

    python3 scripts/folder-deps.py            prints the order, each folder with the ones it uses
    python3 scripts/folder-deps.py --edges    prints every edge with the names that make it
    python3 scripts/folder-deps.py --root DIR reads another source folder (the tests use it)

Exits 1 when two folders use each other or a loop runs through several: the message names the
loop and, for each edge, the names that make it, so the type can be moved to the lower folder.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "AmpScope")

DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|package|fileprivate|private|final|indirect|nonisolated|open)\s+)*"
    r"(?:struct|class|enum|protocol|actor|typealias|func|let|var)\s+([A-Za-z_][A-Za-z0-9_]*)"
)
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def strip_comments_and_strings(text):
    """Source text with comments and string literals blanked (interpolations are kept: they hold code)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif c == '"' or (c == "#" and re.match(r'#+"', text[i:])):
            hashes = len(re.match(r"#*", text[i:]).group(0))
            i += hashes
            multi = text.startswith('"""', i)
            quote = '"""' if multi else '"'
            end = quote + "#" * hashes
            i += len(quote)
            while i < n and not text.startswith(end, i):
                if text[i] == "\\" and text.startswith("\\" + "#" * hashes + "(", i):
                    # Keep the interpolated expression, which may name types.
                    i += 2 + hashes
                    depth, start = 1, i
                    while i < n and depth:
                        if text[i] == "(":
                            depth += 1
                        elif text[i] == ")":
                            depth -= 1
                        i += 1
                    out.append(" " + text[start:i - 1] + " ")
                elif text[i] == "\\" and hashes == 0:
                    i += 2
                else:
                    i += 1
            i += len(end)
            out.append(" ")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def folder_of(path):
    relative = os.path.relpath(path, ROOT)
    parts = relative.split(os.sep)
    return parts[0] if len(parts) > 1 else "(root)"


def main():
    global ROOT
    if "--root" in sys.argv:
        ROOT = sys.argv[sys.argv.index("--root") + 1]
    files = {}
    for directory, _, names in os.walk(ROOT):
        for name in names:
            if name.endswith(".swift"):
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as handle:
                    files[path] = strip_comments_and_strings(handle.read())

    declared_by = {}
    for path, text in files.items():
        for line in text.split("\n"):
            match = DECLARATION.match(line)
            if match:
                declared_by.setdefault(match.group(1), set()).add(folder_of(path))

    edges = {}
    for path, text in files.items():
        folder = folder_of(path)
        edges.setdefault(folder, {})
        for name in set(IDENTIFIER.findall(text)):
            for owner in declared_by.get(name, ()):
                if owner != folder and folder not in declared_by[name]:
                    edges[folder].setdefault(owner, set()).add(name)

    folders = sorted(edges)
    cycle = find_cycle(folders, edges)
    if "--edges" in sys.argv:
        for folder in folders:
            for used in sorted(edges[folder]):
                print(f"{folder} -> {used}: {', '.join(sorted(edges[folder][used]))}")
    else:
        for folder in topological_order(folders, edges):
            print(f"{folder}: {', '.join(sorted(edges[folder])) or '-'}")
    if cycle:
        print("\nfolder-deps: folders use each other in a loop:", file=sys.stderr)
        for a, b in zip(cycle, cycle[1:]):
            print(f"  {a} -> {b}: {', '.join(sorted(edges[a][b]))}", file=sys.stderr)
        return 1
    return 0


def find_cycle(folders, edges):
    """One loop of folders as a path [a, b, ..., a], or None."""
    state = {}
    stack = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, {})):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for folder in folders:
        if folder not in state:
            found = visit(folder)
            if found:
                return found
    return None


def topological_order(folders, edges):
    """Lowest folders first; folders in a loop come last in name order."""
    order, placed = [], set()
    while len(placed) < len(folders):
        ready = [f for f in folders if f not in placed and all(u in placed for u in edges[f])]
        if not ready:
            ready = [f for f in folders if f not in placed]
            order += ready
            break
        order += ready
        placed.update(ready)
    return order


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Fails if a module of the page imports one that imports it back, directly
or through others, or if two areas of the page (the folders of src/app)
use each other, directly or through others, or if an area uses one that
comes after it in the page's one-way order (`ORDER` below).

Reads the `use` lines of src/app, src/protocol and src/worker (tests
excluded), resolves `super::` and `crate::` paths to the module (file)
they name, and looks for cycles. `--areas` also prints which areas use
which.

    scripts/check-page-deps.py [--areas]
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src"
TREES = ["app", "protocol", "worker"]
# The areas of the page, in the order they may depend: an area uses only
# areas of earlier layers (see src/app/mod.rs). The queue lives between the
# inputs and the report on screen.
ORDER = [
    {"shell", "settings", "workers"},
    {"inputs"},
    {"queue"},
    {"report"},
    {"explain", "storage"},
]


def module_of(path: Path) -> tuple:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    return tuple(parts)


def expand(path: str) -> list:
    """`a::{b, c::{d, e}}` → [`a::b`, `a::c::d`, `a::c::e`]."""
    path = re.sub(r"\s+", "", path)
    start = path.find("{")
    if start < 0:
        return [path]
    depth, end = 0, start
    for end in range(start, len(path)):
        depth += {"{": 1, "}": -1}.get(path[end], 0)
        if depth == 0:
            break
    inner, items, depth, current = path[start + 1 : end], [], 0, ""
    for char in inner:
        if char == "," and depth == 0:
            items.append(current)
            current = ""
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        current += char
    items.append(current)
    prefix = path[:start]
    return [full for item in items if item for full in expand(prefix + item)]


def imports(path: Path, module: tuple, modules: set) -> set:
    text = path.read_text()
    text = text.split("#[cfg(test)]")[0]
    text = re.sub(r"//[^\n]*", "", text)
    targets = set()
    for statement in re.findall(r"^\s*(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", text, flags=re.M):
        for used in expand(statement):
            segments = used.split("::")
            if segments[0] == "crate":
                resolved = segments[1:]
            elif segments[0] in ("super", "self"):
                base = list(module)
                # `self` of a file is the file's module; `super` its parent.
                if segments[0] == "super":
                    base = base[:-1]
                rest = segments[1:]
                while rest and rest[0] == "super":
                    base = base[:-1]
                    rest = rest[1:]
                resolved = base + rest
            else:
                continue
            # The longest prefix that is a module (a file).
            for length in range(len(resolved), 0, -1):
                if tuple(resolved[:length]) in modules:
                    target = tuple(resolved[:length])
                    if target != module:
                        targets.add(target)
                    break
    return targets


def cycles(graph: dict) -> list:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main() -> int:
    files = {module_of(path): path for tree in TREES for path in sorted((ROOT / tree).rglob("*.rs"))}
    modules = set(files)
    graph = {module: imports(path, module, modules) for module, path in files.items()}
    areas = {}
    for module, targets in graph.items():
        if module[0] != "app" or len(module) < 2:
            continue
        for target in targets:
            if target[0] == "app" and len(target) > 1 and target[1] != module[1]:
                areas.setdefault(module[1], set()).add(target[1])
    if "--areas" in sys.argv:
        for area in sorted(areas):
            print(f"{area} uses {', '.join(sorted(areas[area]))}")
    layer = {area: depth for depth, areas_of in enumerate(ORDER) for area in areas_of}
    backwards = []
    for area in sorted(set(areas) | set().union(*areas.values())):
        if area not in layer:
            backwards.append(f"area {area} has no place in ORDER")
    for area, used in sorted(areas.items()):
        for target in sorted(used):
            if area in layer and target in layer and layer[target] >= layer[area]:
                backwards.append(f"area {area} uses {target}, which does not come before it")
    for problem in backwards:
        print(problem, file=sys.stderr)
    found = cycles(graph)
    for component in found:
        print("cycle between modules: " + " ↔ ".join("::".join(module) for module in component), file=sys.stderr)
    area_cycles = cycles(areas)
    for component in area_cycles:
        print("cycle between areas of the page: " + " ↔ ".join(component), file=sys.stderr)
    if found or area_cycles or backwards:
        return 1
    print(f"page modules: {len(modules)}, areas: {len(set(areas) | set().union(*areas.values()))}, no import cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main())

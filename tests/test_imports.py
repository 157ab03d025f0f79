"""No import circles among sbfa_pack's modules (issue 17 item 22).

The interface strings stand on a floor of their own (``sbfa_pack.ui_text``), which the renderer's
lookup (``render.ui_strings``) and the catalogs (``i18n.ui``) both import; neither imports the other.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import sbfa_pack

SRC = Path(sbfa_pack.__file__).resolve().parents[1]
ALLOWED: set[frozenset[str]] = set()
"""Known circles that may stay (none: issue 17 item 22 removed the last, cli <-> quick)."""


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for f in sorted((SRC / "sbfa_pack").rglob("*.py")):
        parts = list(f.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if package else parts)] = (f, package)
    return out


def import_graph() -> dict[str, set[str]]:
    """Module → the sbfa_pack modules it imports, anywhere in its text (lazy imports count too)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, (path, package) in modules.items():
        here = name.split(".") if package else name.split(".")[:-1]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = here[:len(here) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for a in node.names:
                    if f"{target}.{a.name}" in modules:
                        deps.add(f"{target}.{a.name}")
                    elif target in modules:
                        deps.add(target)
        graph[name] = deps - {name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, deps = work[-1]
            dep = next(deps, None)
            if dep is not None:
                if dep not in index:
                    index[dep] = low[dep] = len(index)
                    stack.append(dep)
                    work.append((dep, iter(sorted(graph[dep]))))
                elif dep in stack:
                    low[node] = min(low[node], index[dep])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    m = stack.pop()
                    group.append(m)
                    if m == node:
                        break
                if len(group) > 1:
                    found.append(frozenset(group))
    return found


def test_the_cycle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_among_sbfa_pack_modules() -> None:
    """Issue 17 item 22: no circle (i18n/ui <-> render/ui_strings was one); lazy imports count too."""
    graph = import_graph()
    assert "sbfa_pack.ui_text" in graph["sbfa_pack.i18n.ui"]
    assert not any(m.startswith("sbfa_pack.render") for m in graph["sbfa_pack.i18n.ui"])
    assert not graph["sbfa_pack.ui_text"], "ui_text is the floor: it imports nothing of sbfa_pack"
    new = [sorted(c) for c in circles(graph) if c not in ALLOWED]
    assert not new, f"import circles: {new}"


@pytest.mark.parametrize("module", ["sbfa_pack.i18n.ui", "sbfa_pack.render.ui_strings", "sbfa_pack.ui_text"])
def test_each_side_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    """Issue 17 item 22: each module imports first, by itself, and has its strings."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    code = f"import {module} as m; assert m.UI_STRINGS['next'] == 'Next'"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_test_modules_have_unique_names() -> None:
    """pytest (rootdir imports) refuses two test modules of the same name in folders that are not
    packages, and stops the whole run at collection: a newcomer's `make test` must not."""
    tests = Path(__file__).resolve().parent
    seen: dict[str, Path] = {}
    for path in sorted(tests.rglob("test_*.py")):
        if (path.parent / "__init__.py").exists() or "node_modules" in path.parts:
            continue
        assert path.name not in seen, f"{path.relative_to(tests)} and {seen[path.name].relative_to(tests)}"
        seen[path.name] = path

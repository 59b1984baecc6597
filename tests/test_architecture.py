"""The floors of ARCHITECTURE.md, enforced: every import points down, no cycles.

The floors table is read from ARCHITECTURE.md itself, so the document and this test
cannot disagree: move a package in the table and the test judges by the new table.
Imports are read with ``ast`` (nothing is executed), both module-level imports and
imports inside functions ("lazy" ones): a lazy import still couples the modules, so it
must point down too.  A lazy import that closes a cycle is allowed only when listed in
``LAZY_CYCLES`` with its reason.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("baocao", "normalizers", "gazetteer", "readers", "extractors", "checks", "store", "review", "flows", "outputs")

# (importer, imported): why this lazy import may close a cycle.
LAZY_CYCLES: dict[tuple[str, str], str] = {
    ("readers", "readers.docx"): "the package entry dispatches to a format reader only when a file of that format "
    "arrives; the format readers import the shared ReaderError/SUFFIX_FORMATS from the package",
    ("readers", "readers.pdf"): "same dispatch as readers.docx",
    ("readers", "readers.xlsx"): "same dispatch as readers.docx",
    ("readers", "readers.text"): "same dispatch as readers.docx",
}


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    lazy: bool
    line: int


@cache
def floors() -> dict[str, int]:
    """Module prefix -> floor number, from the table in ARCHITECTURE.md."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table: dict[str, int] = {}
    for row in re.finditer(r"^\|\s*(\d+)\s*\|([^|]*)\|", text, flags=re.M):
        for name in re.findall(r"`([\w.]+)`", row.group(2)):
            table[name] = int(row.group(1))
    return table


def floor_of(module: str) -> tuple[str, int]:
    """The table entry owning ``module`` (longest prefix) and its floor."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in floors():
            return prefix, floors()[prefix]
    raise AssertionError(f"{module} is on no floor of ARCHITECTURE.md")


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module an import names (a submodule if it is one, else its package)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - node.level + 1]
        base = ".".join(anchor + ([base] if base else []))
    for alias in node.names:
        yield f"{base}.{alias.name}"  # resolves to the submodule if there is one, else to base


@cache
def edges() -> tuple[Edge, ...]:
    modules = project_modules()
    found = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for name in _imported_names(node, module, path.name == "__init__.py"):
                target = _resolve(name, modules)
                if target and target != module:
                    found.append(Edge(module, target, id(node) not in top_level, node.lineno))
    return tuple(found)


def test_the_floors_table_covers_every_module() -> None:
    assert len(floors()) >= len(PACKAGES)
    for module in project_modules():
        floor_of(module)  # raises when a module is on no floor


def test_every_import_points_down() -> None:
    wrong = []
    for edge in edges():
        (own, own_floor), (other, other_floor) = floor_of(edge.importer), floor_of(edge.imported)
        if own == other:
            continue  # inside one package: the cycle test below judges those
        if other_floor >= own_floor:
            kind = "lazy " if edge.lazy else ""
            wrong.append(f"{edge.importer}:{edge.line} {kind}imports {edge.imported} "
                         f"(floor {own_floor} -> {other_floor})")  # fmt: skip
    assert not wrong, "imports that do not point down:\n" + "\n".join(wrong)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {module: set() for module in project_modules()}
    for edge in edges():
        if (edge.importer, edge.imported) not in LAZY_CYCLES:
            graph[edge.importer].add(edge.imported)
    assert not _cycles(graph), f"import cycles: {_cycles(graph)}"


def test_allowed_lazy_cycles_are_still_lazy_and_needed() -> None:
    """An allowance that no longer matches a lazy import is stale: remove it."""
    present = {(e.importer, e.imported) for e in edges() if e.lazy}
    assert set(LAZY_CYCLES) <= present


def test_no_import_error_guards_around_our_own_modules() -> None:
    """A missing module of ours is a bug to see, not a feature to skip silently."""
    guarded = []
    modules = project_modules()
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            catches = " ".join(ast.unparse(h.type) for h in node.handlers if h.type is not None)
            if "ImportError" not in catches and "ModuleNotFoundError" not in catches:
                continue
            for inner in node.body:
                for sub in ast.walk(inner):
                    if isinstance(sub, ast.Import | ast.ImportFrom) and any(
                        _resolve(name, modules) for name in _imported_names(sub, module, path.name == "__init__.py")
                    ):
                        guarded.append(f"{module}:{sub.lineno}")
    assert not guarded, guarded


@pytest.mark.parametrize("package", PACKAGES)
def test_architecture_doc_describes_every_package(package: str) -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert f"`{package}" in text


MAX_MODULE_LINES = 600  # issue 13: a module fits in a head


def test_no_module_exceeds_600_lines() -> None:
    """Split a module that grows past this by responsibility, not by cutting it in half."""
    long = {module: n for module, path in project_modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}  # fmt: skip
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"

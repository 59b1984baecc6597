"""The template's Ministry wording lives once, in gazetteer/indicators.toml.

The rule: in the package (every folder of ARCHITECTURE.md's floors), a string that holds a
template line's Ministry label exactly may appear only under ``gazetteer/``.  Docstrings
and comments may quote a report line as an example (that is report text, not a copy of the
template), and so may test data: ``tests/``, ``samples/``, ``scripts/`` (the sample
builders write reports as provinces do), ``bench/`` gold files and the README's example.
Everything else reads the wording from ``gazetteer.indicators``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gazetteer.indicators import catalog

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("baocao", "normalizers", "readers", "extractors", "checks", "store", "review", "flows")
LABELS = tuple(line.label for line in catalog())


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _copies_in(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return [label for label in LABELS if label in text]
    tree = ast.parse(text)
    skip = _docstrings(tree)
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {label}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        for label in LABELS
        if label in node.value
    ]


def test_the_catalog_has_the_ministry_wording() -> None:
    assert len(LABELS) == 25 and "Tổng số giáo viên có máy tính" in LABELS


@pytest.mark.parametrize("package", PACKAGES)
def test_no_copy_of_the_template_wording_outside_the_gazetteer(package: str) -> None:
    files = [p for p in (ROOT / package).rglob("*") if p.suffix in {".py", ".html", ".toml", ".csv", ".json", ".js"}]
    copies = [hit for path in files for hit in _copies_in(path)]
    assert copies == []

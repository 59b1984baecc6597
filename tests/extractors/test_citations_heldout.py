"""Held-out citation texts (issue 3): other provinces, layouts and writing habits.

Each ``gold/heldout/<name>.txt`` has a hand-written ``<name>.citations.json``: every
mention in reading order as ``{"id", "date"}``.  Acceptance is mention by mention on
(id, date); the texts also must not raise any citation error in the cross-checks,
since none of them contains a wrong citation.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from baocao.model import Extraction
from checks.citations import check_citations
from extractors.citations import extract_citations
from extractors.report_meta import read_report_meta
from readers import read_document

HELDOUT = Path(__file__).resolve().parent / "gold" / "heldout"
CASES = sorted(HELDOUT.glob("*.txt"))


def _gold(text_path: Path) -> list[tuple[str, str | None]]:
    rows = json.loads(text_path.with_suffix(".citations.json").read_text(encoding="utf-8"))
    return [(row["id"], row["date"]) for row in rows]


def _found(text_path: Path) -> list[tuple[str, str | None]]:
    return [(c.id, c.date) for c in extract_citations(read_document(text_path))]


def precision_recall(found: list, gold: list) -> tuple[float, float]:
    """Mention by mention: a found (id, date) counts once per matching gold mention."""
    hits = sum((Counter(found) & Counter(gold)).values())
    return (hits / len(found) if found else 1.0), (hits / len(gold) if gold else 1.0)


def test_heldout_set_is_there() -> None:
    assert len(CASES) >= 8
    assert all(p.with_suffix(".citations.json").exists() for p in CASES)


@pytest.mark.parametrize("text_path", CASES, ids=[p.stem for p in CASES])
def test_heldout_mentions_in_order(text_path: Path) -> None:
    found, gold = _found(text_path), _gold(text_path)
    missing = list((Counter(gold) - Counter(found)).elements())
    extra = list((Counter(found) - Counter(gold)).elements())
    assert found == gold, (missing, extra)


def test_heldout_precision_recall_over_the_set() -> None:
    found: list = []
    gold: list = []
    for path in CASES:
        found += [(path.stem, *m) for m in _found(path)]
        gold += [(path.stem, *m) for m in _gold(path)]
    precision, recall = precision_recall(found, gold)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


@pytest.mark.parametrize("text_path", CASES, ids=[p.stem for p in CASES])
def test_clean_heldout_text_raises_no_citation_error(text_path: Path) -> None:
    document = read_document(text_path)
    meta = read_report_meta(document)
    extraction = Extraction(
        source=document.source,
        province=None,
        citations=extract_citations(document),
        report_date=meta.report_date,
        own_number=meta.own_number,
    )
    errors = [(f.code, f.citation, f.message) for f in check_citations(extraction) if f.severity == "error"]
    assert errors == []

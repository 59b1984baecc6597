"""Reference data for citations (gazetteer/legal_documents.csv, issuers.csv, document_types.csv)."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.citations import extract_citations_text, parse_symbol
from gazetteer import load_csv
from gazetteer.legal import (
    LegalDocument,
    canonical_code,
    document_types,
    issuer_aliases,
    issuers_by_code,
    legal_documents,
    type_by_code,
)

DOCUMENTS = sorted(legal_documents().values(), key=lambda d: d.id)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.id for d in DOCUMENTS])
def test_reference_rows_are_consistent(doc: LegalDocument) -> None:
    parts = parse_symbol(doc.id)
    assert parts is not None and parts.id == doc.id
    assert doc.date is not None and dt.date.fromisoformat(doc.date)
    if parts.year:
        assert int(doc.date[:4]) == parts.year
    if parts.code_type:
        assert parts.code_type == doc.type
    assert doc.title and doc.issuer


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.id for d in DOCUMENTS])
def test_reference_rows_are_found_as_written(doc: LegalDocument) -> None:
    day, month, year = doc.date.split("-")[::-1]
    found = extract_citations_text(f"{doc.type} số {doc.id} ngày {day}/{month}/{year} về việc", province="Hà Nội")
    assert [(c.id, c.date, c.type, c.issuer) for c in found] == [(doc.id, doc.date, doc.type, doc.issuer)]


def test_seed_dates_of_the_documents_named_in_the_issue() -> None:
    expected = {
        "131/QĐ-TTg": "2022-01-25",
        "749/QĐ-TTg": "2020-06-03",
        "06/QĐ-TTg": "2022-01-06",
        "942/QĐ-TTg": "2021-06-15",
        "146/QĐ-TTg": "2022-01-28",
        "411/QĐ-TTg": "2022-03-31",
        "09/2021/TT-BGDĐT": "2021-03-30",
        "42/2021/TT-BGDĐT": "2021-12-30",
        "4725/QĐ-BGDĐT": "2022-12-30",
        "57-NQ/TW": "2024-12-22",
        "52-NQ/TW": "2019-09-27",
        "71/NQ-CP": "2025-04-01",
        "206/QĐ-TTg": "2024-02-28",
        "13/2023/NĐ-CP": "2023-04-17",
        "91/2025/QH15": "2025-06-26",
        "02/2025/TT-BGDĐT": "2025-01-24",
        "71-NQ/TW": "2025-08-22",
        "202/2025/QH15": "2025-06-12",
    }
    refs = legal_documents()
    assert {k: refs[k].date for k in expected} == expected
    assert all(refs[k].verified for k in expected)


def test_codes_and_words_are_unique() -> None:
    codes = [row["code"] for row in load_csv("issuers.csv") if row["code"]]
    assert len(codes) == len(set(codes))
    type_codes = [t.code for t in document_types() if t.code]
    assert len(type_codes) == len(set(type_codes))
    words = [w for t in document_types() for w in t.words]
    assert len(words) == len(set(words))
    assert not set(type_by_code()) & set(issuers_by_code())  # a segment is a type or an issuer
    assert all(alias == alias.lower() for alias in issuer_aliases())


@pytest.mark.parametrize(
    ("written", "code"),
    [("TTG", "TTg"), ("QD", "QĐ"), ("BGDDT", "BGDĐT"), ("Ctr", "CTr"), ("HD", "HD"), ("KHCNTT", "KHCNTT")],
)
def test_canonical_code(written: str, code: str) -> None:
    assert canonical_code(written) == code

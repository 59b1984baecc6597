"""One picture of the store for the Ministry's outputs: the 34 units in the Ministry's
order, each with its latest submission's values (review decisions applied), its open
flags and its submission history; the national totals; the most-cited documents.

The workbook, the report and the letters all read this, so the three never disagree.
National rates are recomputed from counts and denominators, never averaged: a
province's denominator is what its own count and rate imply (count ÷ rate); a line's
national rate exists only when every province that gave a count also gave a usable
rate (otherwise the sum of counts would be divided by an incomplete denominator).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.export import detailed_rows, latest_documents
from store.schema import Citation, Document, Flag

log = logging.getLogger(__name__)

OPEN_SEVERITIES = ("error", "warning")
_DECIMALS = re.compile(r"\d[.,](\d{1,4})\s*%?\s*$")


@dataclass(frozen=True)
class Line:
    code: str
    label: str  # the Ministry's wording
    short: str
    measures: str  # "count+rate" | "count" | "rate"


@dataclass(frozen=True)
class FlagInfo:
    id: int
    code: str
    severity: str
    message: str
    indicators: tuple[str, ...]
    location: dict[str, Any] | None


@dataclass
class Cell:
    value: int | float | None = None
    rate: float | None = None
    rate_decimals: int = 1
    status: str = "extracted"  # extracted | accepted | corrected | rejected
    raw: str | None = None
    location: dict[str, Any] | None = None
    flags: list[FlagInfo] = field(default_factory=list)


@dataclass
class ProvinceReport:
    name: str
    document: Document | None = None  # the latest submission with values
    submissions: int = 0  # documents of this province with values (1 = no resubmission)
    cells: dict[str, Cell] = field(default_factory=dict)
    open_flags: list[FlagInfo] = field(default_factory=list)

    @property
    def reported(self) -> bool:
        return self.document is not None

    def severity_counts(self) -> Counter[str]:
        return Counter(flag.severity for flag in self.open_flags)


@dataclass(frozen=True)
class NationalLine:
    count: int | float | None
    count_provinces: int
    rate: float | None
    denominator: float | None
    note: str  # how the national figure was obtained (Vietnamese, for a cell comment)


@dataclass
class Snapshot:
    lines: list[Line]
    provinces: list[ProvinceReport]
    national: dict[str, NationalLine]
    citations: list[tuple[str, int, int]]  # (citation id, mentions, provinces citing)

    @property
    def reporting(self) -> list[ProvinceReport]:
        return [p for p in self.provinces if p.reported]

    @property
    def missing(self) -> list[ProvinceReport]:
        return [p for p in self.provinces if not p.reported]


def template_lines() -> list[Line]:
    from gazetteer.indicators import catalog

    return [Line(i.code, i.label, i.short, i.measures) for i in catalog()]


def province_names() -> list[str]:
    from gazetteer.provinces import units

    return list(units())


def rate_decimals(raw: str | None, rate: float | None) -> int:
    """0, 1 or 2 decimals as the report wrote the rate ("97,1%" → 1, "100%" → 0)."""
    if raw:
        match = _DECIMALS.search(raw.strip())
        return min(len(match.group(1)), 2) if match else 0
    if rate is None:
        return 1
    text = f"{rate:.2f}".rstrip("0").rstrip(".")
    return min(len(text.split(".")[1]), 2) if "." in text else 0


def open_flags(session: Session, documents: list[Document]) -> dict[int, list[FlagInfo]]:
    """Active flags with no review decision yet, by document id."""
    ids = [d.id for d in documents]
    if not ids:
        return {}
    flags = session.scalars(select(Flag).where(Flag.document_id.in_(ids), Flag.active.is_(True))
                            .order_by(Flag.id)).all()  # fmt: skip
    decided = _decided_fingerprints(session, [f.fingerprint for f in flags])
    out: dict[int, list[FlagInfo]] = {}
    for flag in flags:
        if flag.fingerprint in decided:
            continue
        codes = tuple(flag.indicators or ([flag.indicator] if flag.indicator else []))
        info = FlagInfo(flag.id, flag.code, flag.severity, flag.message, codes, flag.location)
        out.setdefault(flag.document_id, []).append(info)  # type: ignore[arg-type]
    return out


def _decided_fingerprints(session: Session, fingerprints: list[str]) -> set[str]:
    """Flags a reviewer has decided (accepted, corrected or rejected) are no longer open."""
    from review.decisions import decided_fingerprints

    return decided_fingerprints(session, fingerprints)


def build_snapshot(session: Session) -> Snapshot:
    lines = template_lines()
    latest = latest_documents(session)
    reports = {name: ProvinceReport(name) for name in province_names()}
    for name, document in latest.items():
        reports.setdefault(name, ProvinceReport(name)).document = document
    for name, count in _submission_counts(session).items():
        if name in reports:
            reports[name].submissions = count
    for row in detailed_rows(session):
        report = reports.get(row["province"])
        if report is None or not row.get("indicator"):
            continue
        report.cells[row["indicator"]] = Cell(
            value=row.get("value"), rate=row.get("rate"), status=row.get("status") or "extracted",
            rate_decimals=_row_decimals(row), raw=row.get("raw"), location=row.get("location"),
        )  # fmt: skip
    flags = open_flags(session, list(latest.values()))
    for report in reports.values():
        if report.document is None:
            continue
        report.open_flags = flags.get(report.document.id, [])
        for flag in report.open_flags:
            for code in flag.indicators:
                report.cells.setdefault(code, Cell()).flags.append(flag)
    provinces = list(reports.values())
    national = {line.code: national_line(line, provinces) for line in lines}
    return Snapshot(lines, provinces, national, _citations(session, list(latest.values())))


def _row_decimals(row: dict[str, Any]) -> int:
    if row.get("status") == "corrected":
        return rate_decimals(None, row.get("rate"))
    return rate_decimals(row.get("rate_raw"), row.get("rate"))


def _submission_counts(session: Session) -> Counter[str]:
    documents = session.scalars(select(Document).where(Document.province.is_not(None))).all()
    return Counter(d.province for d in documents if any(
        v.indicator and (v.value is not None or v.rate is not None) for v in d.indicator_values))  # fmt: skip


def national_line(line: Line, provinces: list[ProvinceReport]) -> NationalLine:
    """Counts summed; the rate from summed counts over summed implied denominators."""
    cells = [p.cells[line.code] for p in provinces if line.code in p.cells]
    counted = [c for c in cells if c.value is not None]
    total = sum(c.value for c in counted) if counted else None  # type: ignore[misc]
    if line.measures == "count":
        return NationalLine(total, len(counted), None, None, "Tổng số lượng của các tỉnh đã báo cáo.")
    if not counted:
        return NationalLine(None, 0, None, None, "Chưa tỉnh nào báo cáo số lượng, không tính được tỉ lệ "
                            "cả nước (không lấy trung bình các tỉ lệ).")  # fmt: skip
    unusable = [c for c in counted if not c.rate]
    if unusable:
        note = (f"{len(unusable)}/{len(counted)} tỉnh có số lượng nhưng không có tỉ lệ dùng được, nên "
                "chưa biết mẫu số của họ: để trống tỉ lệ cả nước thay vì lấy trung bình.")  # fmt: skip
        return NationalLine(total, len(counted), None, None, note)
    denominator = sum(c.value * 100.0 / c.rate for c in counted)  # type: ignore[operator]
    rate = round(100.0 * total / denominator, 2) if denominator else None  # type: ignore[operator]
    note = (f"Tỉ lệ cả nước = tổng số lượng ÷ tổng mẫu số của {len(counted)} tỉnh; mẫu số mỗi tỉnh "
            "= số lượng ÷ tỉ lệ tỉnh đó báo cáo (ước tính, sai số do làm tròn tỉ lệ).")  # fmt: skip
    return NationalLine(total, len(counted), rate, denominator, note)


def _citations(session: Session, documents: list[Document]) -> list[tuple[str, int, int]]:
    ids = {d.id: d.province for d in documents}
    if not ids:
        return []
    mentions: Counter[str] = Counter()
    citing: dict[str, set[str]] = {}
    for citation in session.scalars(select(Citation).where(Citation.document_id.in_(ids))):
        mentions[citation.citation_id] += 1
        citing.setdefault(citation.citation_id, set()).add(ids[citation.document_id] or "")
    ranked = sorted(mentions, key=lambda c: (-len(citing[c]), -mentions[c], c))
    return [(c, mentions[c], len(citing[c])) for c in ranked]


def received_local(value: datetime | None) -> datetime | None:
    """Received time in Vietnam (UTC+7), naive, for a spreadsheet date cell."""
    from store.export import VN_TZ

    if value is None:
        return None
    if value.tzinfo is None:
        from datetime import UTC

        value = value.replace(tzinfo=UTC)
    return value.astimezone(VN_TZ).replace(tzinfo=None)

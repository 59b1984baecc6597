"""The report's own number and date (stub until the citations work lands)."""

from __future__ import annotations

from dataclasses import dataclass

from baocao.model import Document


@dataclass
class ReportMeta:
    report_date: str | None = None
    own_number: str | None = None


def read_report_meta(document: Document) -> ReportMeta:
    return ReportMeta()

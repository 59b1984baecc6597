"""Exports of the latest submission per province: CSV, Parquet or XLSX (by suffix).

One row per province and indicator with exactly the columns of issue 4.  "Latest" is
the newest document by ``received_at`` (message date, else file time) among the
province's documents that carry Appendix 2 values; older versions stay in the store.
Reviewer decisions are applied through ``store.decisions.apply_decisions``.

Every text cell is neutralized against spreadsheet formula injection: text whose first
non-blank character is ``=``, ``+``, ``-``, ``@`` (or a tab/CR) is written with a leading
apostrophe, so Excel/LibreOffice show it as text and never evaluate it (OWASP CSV
injection).  The Excel workbook the Ministry reads is written by ``outputs.workbook``;
this module keeps the machine formats (CSV, Parquet) and the rows they share.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from store.db import session_scope
from store.decisions import apply_decisions
from store.schema import Document

log = logging.getLogger(__name__)

COLUMNS = ["province", "indicator", "value", "rate", "status", "source", "sha256", "received_at"]
VN_TZ = timezone(timedelta(hours=7))
_FORMAT_RANK = {"docx": 3, "xlsx": 3, "pdf": 2, "md": 1, "txt": 1}
# Leading blanks (but not tab/CR, which are triggers themselves) are skipped: Excel and
# LibreOffice evaluate " =1+2" and " +1+2 bao cao 3.txt" too.  Full-width forms are
# converted by some spreadsheet locales, so they count as well.
_FORMULA_START = re.compile(r"[^\S\t\r]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]")


class ExportError(Exception):
    """A user-facing (Vietnamese) reason an export could not be written."""


def neutralize(value: Any) -> Any:
    """Text that a spreadsheet would evaluate becomes literal text; numbers pass through."""
    if isinstance(value, str) and _FORMULA_START.match(value):
        return "'" + value
    return value


# ---------------------------------------------------------------------------
# Selecting what counts
# ---------------------------------------------------------------------------


def _filled(document: Document) -> int:
    return sum(
        1
        for row in document.indicator_values
        if row.indicator and (row.value is not None or row.rate is not None)
    )


def _recency(document: Document) -> tuple[Any, ...]:
    """Newest first by received_at; same message → better format, more values, then hash."""
    received = document.received_at or datetime.min
    return (received.replace(tzinfo=None), _FORMAT_RANK.get(document.format, 0),
            _filled(document), document.source_sha256)  # fmt: skip


def latest_documents(session: Session) -> dict[str, Document]:
    """The document that counts for each province (the newest with Appendix 2 values)."""
    documents = session.scalars(
        select(Document)
        .where(Document.province.is_not(None))
        .options(selectinload(Document.indicator_values))
    ).all()
    latest: dict[str, Document] = {}
    for document in documents:
        if not _filled(document):
            continue
        current = latest.get(document.province)  # type: ignore[arg-type]
        if current is None or _recency(document) > _recency(current):
            latest[document.province] = document  # type: ignore[index]
    return latest


def _as_number(value: float | None) -> int | float | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def _received(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(VN_TZ).isoformat(timespec="seconds")


def export_rows(session: Session) -> list[dict[str, Any]]:
    """One row per province and indicator from each province's latest submission."""
    return [{key: row.get(key) for key in COLUMNS} for row in detailed_rows(session)]


def detailed_rows(session: Session) -> list[dict[str, Any]]:
    """``export_rows`` plus what the workbook and reports need: label, raw text, location."""
    order = template_order()
    provinces = province_order()
    rows: list[dict[str, Any]] = []
    latest = latest_documents(session)
    for province in sorted(latest, key=lambda p: (provinces.get(p, 999), p)):
        document = latest[province]
        seen: set[str] = set()
        for item in document.indicator_values:
            if not item.indicator or item.indicator in seen:
                continue
            seen.add(item.indicator)
            rows.append({
                "province": province,
                "indicator": item.indicator,
                "value": _as_number(item.value),
                "rate": item.rate,
                "status": "extracted",
                "source": document.source_path,
                "sha256": document.source_sha256,
                "received_at": _received(document.received_at),
                "label": item.label, "value_raw": item.value_raw, "rate_raw": item.rate_raw,
                "raw": item.raw, "location": item.location,
            })  # fmt: skip
    rows.sort(key=lambda r: (provinces.get(r["province"], 999), r["province"],
                             order.get(r["indicator"], 999), r["indicator"]))  # fmt: skip
    return _apply_decisions(session, rows)


def _apply_decisions(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    try:
        decided = apply_decisions(session, rows)
    except Exception as exc:  # noqa: BLE001 - e.g. review tables missing in an old store
        log.warning("review decisions not applied: %s", exc)
        return rows
    return decided


def template_order() -> dict[str, int]:
    """Template line codes → position, from the gazetteer (the one copy of the template)."""
    from gazetteer.indicators import template_codes

    return {code: index for index, code in enumerate(template_codes())}


def province_order() -> dict[str, int]:
    """The 34 units → the Ministry's order (gazetteer/provinces.csv)."""
    from gazetteer.provinces import units

    return {name: index for index, name in enumerate(units())}


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def write_export(engine: Engine, out: str | Path) -> int:
    """Write ``out`` as CSV or Parquet (by suffix); return the number of rows.

    The Excel workbook is ``outputs.workbook.write_export`` (which calls this for the
    machine formats); asked for .xlsx here, the reason says so.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".parquet"}:
        raise ExportError(f"không hỗ trợ xuất ra '{suffix or out.name}': chọn .csv, .parquet hoặc .xlsx")
    with session_scope(engine) as session:
        rows = export_rows(session)
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        _write_csv(rows, out)
    else:
        _frame(rows).to_parquet(out, index=False)
    return len(rows)


def _frame(rows: list[dict[str, Any]]):  # noqa: ANN202 - pandas is imported lazily
    import pandas as pd

    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("Float64")
    frame["rate"] = pd.to_numeric(frame["rate"], errors="coerce").astype("Float64")
    return frame


def _write_csv(rows: list[dict[str, Any]], out: Path) -> None:
    import csv

    with open(out, "w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel reads UTF-8
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: neutralize(row.get(key)) for key in COLUMNS})

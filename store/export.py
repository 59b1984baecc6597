"""Exports of the latest submission per province: CSV, Parquet or XLSX (by suffix).

One row per province and indicator with exactly the columns of issue 4.  "Latest" is
the newest document by ``received_at`` (message date, else file time) among the
province's documents that carry Appendix 2 values; older versions stay in the store.
Reviewer decisions are applied through ``store.decisions.apply_decisions`` when the
review package is present; without it every status is ``extracted``.

Every text cell is neutralized against spreadsheet formula injection: text starting
with ``=``, ``+``, ``-``, ``@`` (or a tab/CR) is written with a leading apostrophe, so
Excel/LibreOffice show it as text and never evaluate it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from store.db import session_scope
from store.decisions import apply_decisions
from store.schema import Citation, Document, Flag

log = logging.getLogger(__name__)

COLUMNS = ["province", "indicator", "value", "rate", "status", "source", "sha256", "received_at"]
VN_TZ = timezone(timedelta(hours=7))
_FORMAT_RANK = {"docx": 3, "xlsx": 3, "pdf": 2, "md": 1, "txt": 1}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """A user-facing (Vietnamese) reason an export could not be written."""


def neutralize(value: Any) -> Any:
    """Text that a spreadsheet would evaluate becomes literal text; numbers pass through."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
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
    return [{key: row.get(key) for key in COLUMNS} for row in decided]


def template_order() -> dict[str, int]:
    return {code: index for index, (code, _label) in enumerate(template_lines())}


def template_lines() -> list[tuple[str, str]]:
    """(code, label) of the Appendix 2 lines from the gazetteer; empty if unavailable."""
    try:
        from gazetteer import load_toml

        return [(r["code"], r.get("label") or r["code"]) for r in load_toml("indicators.toml")["indicator"]]
    except Exception as exc:  # noqa: BLE001 - the export still works with bare codes
        log.info("indicators.toml unavailable: %s", exc)
        return []


def province_order() -> dict[str, int]:
    try:
        from gazetteer import load_csv

        names = [
            row.get("name") or ""
            for row in load_csv("provinces.csv")
            if (row.get("status") or "current") == "current"
        ]
        return {name: index for index, name in enumerate(n for n in names if n)}
    except Exception as exc:  # noqa: BLE001 - alphabetical order then
        log.info("provinces.csv unavailable: %s", exc)
        return {}


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def write_export(engine: Engine, out: str | Path) -> int:
    """Write the export to ``out`` (format from its suffix); return the number of rows."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".parquet", ".xlsx"}:
        raise ExportError(f"không hỗ trợ xuất ra '{suffix or out.name}': chọn .csv, .parquet hoặc .xlsx")
    with session_scope(engine) as session:
        rows = export_rows(session)
        extra = _extra_sheets(session, rows) if suffix == ".xlsx" else {}
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        _write_csv(rows, out)
    elif suffix == ".parquet":
        _frame(rows).to_parquet(out, index=False)
    else:
        _write_xlsx(rows, extra, out)
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


def _extra_sheets(session: Session, rows: list[dict[str, Any]]) -> dict[str, list[list[Any]]]:
    latest = latest_documents(session)
    shas = {doc.source_sha256: province for province, doc in latest.items()}
    return {
        "Phụ lục 2": _appendix_sheet(rows),
        "Văn bản trích dẫn": _citation_sheet(session, shas),
        "Cảnh báo": _flag_sheet(session, shas),
    }


def _cell(value: Any, rate: Any) -> Any:
    if value is not None and rate is not None:
        return f"{value} ({str(rate).replace('.', ',')}%)"
    if value is not None:
        return value
    if rate is not None:
        return f"{str(rate).replace('.', ',')}%"
    return None


def _appendix_sheet(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """Rows = the template lines (code, label), one column per province."""
    provinces = list(dict.fromkeys(r["province"] for r in rows))
    lines = template_lines() or [(code, code) for code in dict.fromkeys(r["indicator"] for r in rows)]
    cells = {(r["province"], r["indicator"]): _cell(r["value"], r["rate"]) for r in rows}
    table: list[list[Any]] = [["Mã", "Chỉ tiêu", *provinces]]
    for code, label in lines:
        table.append([code, label, *(cells.get((p, code)) for p in provinces)])
    return table


def _citation_sheet(session: Session, shas: dict[str, str]) -> list[list[Any]]:
    table: list[list[Any]] = [["province", "sha256", "citation_id", "type", "number", "symbol",
                               "issuer", "date", "raw"]]  # fmt: skip
    query = select(Citation, Document).join(Document).where(Document.source_sha256.in_(shas))
    for citation, document in session.execute(query.order_by(Document.id, Citation.position)):
        table.append([shas[document.source_sha256], document.source_sha256, citation.citation_id,
                      citation.type, citation.number, citation.symbol, citation.issuer,
                      citation.date, citation.raw])  # fmt: skip
    return table


def _flag_sheet(session: Session, shas: dict[str, str]) -> list[list[Any]]:
    table: list[list[Any]] = [["id", "province", "code", "severity", "indicator", "message",
                               "sha256", "active"]]  # fmt: skip
    query = select(Flag, Document).join(Document).where(Document.source_sha256.in_(shas))
    for flag, document in session.execute(query.order_by(Flag.id)):
        indicator = flag.indicator or ", ".join(flag.indicators or [])
        table.append([flag.id, shas[document.source_sha256], flag.code, flag.severity,
                      indicator or None, flag.message, document.source_sha256,
                      "có" if flag.active else "không"])  # fmt: skip
    return table


def _write_xlsx(rows: list[dict[str, Any]], extra: dict[str, list[list[Any]]], out: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([neutralize(row.get(key)) for key in COLUMNS])
    for title, table in extra.items():
        other = workbook.create_sheet(title)
        for line in table:
            other.append([neutralize(value) for value in line])
    tmp = out.with_name(f".{out.name}.tmp")
    workbook.save(tmp)
    tmp.replace(out)

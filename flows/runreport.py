"""What a finished run tells people: the export it leaves behind and its summary artifact.

Shared by every engine (plain core, direct flow code, Prefect flow) so that a nightly
run and a manual run leave the same workbook in the same place.  Prefect is imported
only by :func:`publish_summary`, which only the Prefect flow calls.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

EXPORT_NAME = "bao-cao-131.xlsx"
FATE_LABELS = {
    "new": "Mới", "processed": "Đã xử lý (báo cáo)", "duplicate": "Trùng lặp",
    "not_a_report": "Không phải báo cáo", "unsupported": "Không hỗ trợ",
    "failed": "Lỗi", "quarantined": "Cách ly", "containers": "Hộp thư/thư/tệp nén đã mở",
}  # fmt: skip
MAX_FAILURES_LISTED = 50


def export_path(store: str | Path) -> Path:
    return Path(store) / EXPORT_NAME


def refresh_export(summary: dict[str, Any]) -> Path | None:
    """Rewrite ``<store>/bao-cao-131.xlsx`` when the run changed the store (or it is missing).

    A run that found nothing new leaves the existing workbook alone, so it stays a
    matter of seconds.  Returns the workbook's path, or None when it could not be
    written (logged with the reason; the run's records are already safe).
    """
    target = export_path(summary["store"])
    if summary.get("new", 0) == 0 and target.exists():
        return target
    from outputs.workbook import write_export  # the workbook `baocao export --out x.xlsx` writes
    from store.db import open_engine

    try:
        write_export(open_engine(summary["store"]), target)
    except Exception:  # noqa: BLE001 - a failed export must not turn a finished run red
        log.exception("could not write the export %s", target)
        return None
    return target


def _cell(text: Any) -> str:
    """Markdown table cell: one line, pipes escaped, bounded."""
    value = " ".join(str(text if text is not None else "").split())
    return value.replace("|", "\\|")[:300]


def failures(store: str, run_id: int | None) -> list[tuple[str, str]]:
    """(path, reason) of this run's failed inputs, from the store (bounded)."""
    if run_id is None:
        return []
    from sqlalchemy import select

    from store.db import open_engine, session_scope
    from store.schema import FAILED, Input

    query = (
        select(Input.path, Input.reason)
        .where(Input.run_id == run_id, Input.fate == FAILED)
        .order_by(Input.id)
        .limit(MAX_FAILURES_LISTED)
    )
    with session_scope(open_engine(store)) as session:
        return [(path, reason or "") for path, reason in session.execute(query)]


def summary_markdown(summary: dict[str, Any], failed: list[tuple[str, str]] | None = None) -> str:
    """The run summary as Markdown tables (Vietnamese headings) for the Prefect artifact."""
    lines = [f"# Kết quả lượt xử lý #{summary.get('run_id')}", "", "| Kết quả | Số lượng |", "|---|---:|"]
    lines += [f"| {label} | {summary.get(key, 0)} |" for key, label in FATE_LABELS.items()]
    provinces = summary.get("provinces") or {}
    lines += ["", f"## Tỉnh/thành đã nhận báo cáo ({len(provinces)})", ""]
    if provinces:
        lines += ["| Tỉnh/thành | Báo cáo |", "|---|---:|"]
        lines += [f"| {_cell(name)} | {count} |" for name, count in provinces.items()]
    else:
        lines.append("(không có)")
    severities = Counter(summary.get("flags_by_severity") or {})
    lines += ["", f"## Cảnh báo: {summary.get('flags', 0)}", ""]
    if severities:
        lines += ["| Mức độ | Số lượng |", "|---|---:|"]
        lines += [f"| {name} | {count} |" for name, count in sorted(severities.items())]
    else:
        lines.append("(không có)")
    failed = failed or []
    lines += ["", f"## Tệp lỗi: {summary.get('failed', 0)}", ""]
    if failed:
        lines += ["| Tệp | Lý do |", "|---|---|"]
        lines += [f"| {_cell(path)} | {_cell(reason)} |" for path, reason in failed]
    else:
        lines.append("(không có)")
    if summary.get("export"):
        lines += ["", f"Tệp xuất: `{summary['export']}`"]
    return "\n".join(lines) + "\n"


def publish_summary(summary: dict[str, Any]) -> None:
    """The run's Markdown summary and fate counts as Prefect artifacts (inside a flow run)."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    try:
        failed = failures(summary["store"], summary.get("run_id"))
    except Exception:  # noqa: BLE001 - the artifact still says how many failed
        log.exception("could not list the run's failures")
        failed = []
    create_markdown_artifact(
        markdown=summary_markdown(summary, failed), key="baocao-run-summary",
        description="Tóm tắt lượt xử lý hộp thư",
    )  # fmt: skip
    fates = ("new", "processed", "duplicate", "not_a_report", "unsupported", "failed")
    create_table_artifact(
        table=[{"fate": key, "count": summary.get(key, 0)} for key in fates],
        key="baocao-run-counts", description="Số đầu vào theo kết quả",
    )  # fmt: skip


def human_summary(summary: dict[str, Any]) -> str:
    """A few Vietnamese lines for a person at a terminal (``--json`` gives the machine form)."""
    provinces = summary.get("provinces") or {}
    names = ", ".join(provinces) or "không có"
    lines = [
        f"Đã xem {summary.get('new', 0)} đầu vào mới trong {summary.get('seconds', 0)} giây: "
        f"{summary.get('processed', 0)} báo cáo, {summary.get('duplicate', 0)} trùng, "
        f"{summary.get('not_a_report', 0)} không phải báo cáo, {summary.get('unsupported', 0)} không hỗ trợ, "
        f"{summary.get('failed', 0)} lỗi (cách ly {summary.get('quarantined', 0)}).",
        f"Tỉnh/thành ({len(provinces)}): {names}.",
        f"Cảnh báo cần xem: {summary.get('flags', 0)}.",
    ]
    if summary.get("export"):
        lines.append(f"Bảng tổng hợp Excel: {summary['export']}")
    return "\n".join(lines)

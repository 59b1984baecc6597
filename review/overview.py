"""The overview grid: 34 provincial units × 25 Appendix 2 lines, one state per cell.

States, strongest first: ``flagged`` (an open error/warning flag touches the line),
``noted`` (only open information flags, e.g. an unusual number format), ``reviewed``
(every flag on it decided), ``missing`` (the line has no value and no rate),
``reported``; a unit with no report at all is ``absent`` across the row.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from review.display import fmt_number
from review.queries import current_documents, document_values, list_flags
from review.reference import indicators, provinces
from store.decisions import effective_values


def build(session: Session) -> dict[str, Any]:
    documents = {d.province: d for d in current_documents(session) if d.province}
    flags = list_flags(session, status="all")
    decided = effective_values(session)
    open_by: dict[tuple[str, str], int] = defaultdict(int)
    info_by: dict[tuple[str, str], int] = defaultdict(int)
    done_by: dict[tuple[str, str], int] = defaultdict(int)
    open_by_province: dict[str, int] = defaultdict(int)
    for flag in flags:
        if not flag.province:
            continue
        if flag.status == "open":
            open_by_province[flag.province] += 1
        for code in flag.indicator_codes:
            if flag.status != "open":
                done_by[(flag.province, code)] += 1
            elif flag.severity == "info":
                info_by[(flag.province, code)] += 1
            else:
                open_by[(flag.province, code)] += 1
    infos = indicators()
    rows = []
    column_counts = [0] * len(infos)
    names = list(provinces())
    names += sorted(p for p in documents if p not in names)  # never hide an unexpected unit
    for province in names:
        document = documents.get(province)
        values = {v.code: v for v in document_values(session, document.id)} if document else {}
        cells = []
        for i, info in enumerate(infos):
            key = (province, info.code)
            value = values.get(info.code)
            effective = decided.get((document.sha256, info.code)) if document else None
            state = _state(document is not None, value, open_by[key], done_by[key], effective)
            if state in ("reported", "reviewed") and info_by[key]:
                state = "noted"
            if state != "absent" and _has_number(value, effective):
                column_counts[i] += 1
            cells.append({
                "code": info.code,
                "state": state,
                "title": _title(province, info, value, effective, open_by[key] + info_by[key], state),
                "url": _cell_url(province, info.code, state) if document else None,
            })
        rows.append({
            "province": province,
            "reported": document is not None,
            "cells": cells,
            "open_flags": open_by_province.get(province, 0),
            "queue_url": "/?" + urlencode({"province": province}),
        })
    open_count = sum(1 for f in flags if f.status == "open")
    return {
        "rows": rows,
        "indicators": infos,
        "column_counts": column_counts,
        "reported_count": sum(1 for r in rows if r["reported"]),
        "late": [r["province"] for r in rows if not r["reported"]],
        "open_count": open_count,
        "reviewed_count": len(flags) - open_count,
    }


def _state(has_document: bool, value, open_flags: int, decided_flags: int, effective) -> str:
    if not has_document:
        return "absent"
    if open_flags:
        return "flagged"
    if decided_flags or effective is not None:
        return "reviewed"
    if value is None or (value.value is None and value.rate is None):
        return "missing"
    return "reported"


def _has_number(value, effective) -> bool:
    if effective is not None and effective.status == "corrected":
        return True
    return value is not None and (value.value is not None or value.rate is not None)


_STATE_TEXT = {
    "absent": "chưa báo cáo",
    "missing": "thiếu số liệu",
    "flagged": "có cảnh báo chưa xử lý",
    "noted": "có ghi chú thông tin chưa xem",
    "reviewed": "đã rà soát",
    "reported": "có số liệu",
}


def _title(province: str, info, value, effective, open_flags: int, state: str) -> str:
    text = f"{province} · {info.code} {info.short}: {_STATE_TEXT[state]}"
    if value is not None and (value.value is not None or value.rate is not None):
        text += f" — {fmt_number(value.value)}; {fmt_number(value.rate)}%"
    if effective is not None and effective.status == "corrected":
        new_value = effective.value if effective.corrected_value else (value and value.value)
        new_rate = effective.rate if effective.corrected_rate else (value and value.rate)
        text += f" → sửa {fmt_number(new_value)}; {fmt_number(new_rate)}%"
    elif effective is not None and effective.status == "rejected":
        text += " → bị bác: đọc sai, cần sửa"
    if open_flags:
        text += f" ({open_flags} cảnh báo)"
    return text


def _cell_url(province: str, code: str, state: str) -> str:
    query = {"province": province, "indicator": code}
    if state not in ("flagged", "noted"):
        query["status"] = "all"
    return "/?" + urlencode(query)

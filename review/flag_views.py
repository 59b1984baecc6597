"""One flag's page: the reading, the rule, the source text and PDF crop, the form.

The context helpers here gather what a reviewer needs to decide without opening the
original: the values of the lines the flag names, the paragraph or table row with the
figures marked, every mention of a cited document, siblings and the decision history.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from review.cropper import Crop, Cropper
from review.display import fmt_number
from review.evidence import highlight, number_needles
from review.queries import (
    FlagView,
    citation_mentions,
    describe_location,
    document_values,
    get_document,
    get_flag,
    list_flags,
    source_file,
)
from review.reference import indicator_label, rule_explanation
from review.web import (
    config_of,
    filters_of,
    flag_url,
    fmt_time,
    login_required,
    matches,
    not_found,
    queue_url,
    render,
)
from store.review_tables import AuditEntry

log = logging.getLogger(__name__)


@login_required
async def flag_page(request: Request) -> Response:
    flag_id = request.path_params["flag_id"]
    config = config_of(request)
    filters = filters_of(request)
    with config.sessions() as session:
        flag = get_flag(session, flag_id)
        if flag is None:
            return not_found(request)
        context = flag_context(request, session, flag, filters)
    return render(request, "flag.html", context)


def flag_context(
    request: Request, session: Session, flag: FlagView, filters: dict[str, str]
) -> dict[str, Any]:
    config = config_of(request)
    ordered = [f for f in list_flags(session, status="all") if matches(f, filters)]
    ids = [f.id for f in ordered]
    open_ids = [f.id for f in ordered if f.status == "open"]
    prev_id, next_id = neighbours(ids, open_ids, flag.id)
    codes = flag.indicator_codes
    values = []
    document = None
    if flag.document_id is not None:
        document = get_document(session, flag.document_id)
        values = [v for v in document_values(session, flag.document_id) if v.code in codes]
    others = [f for f in list_flags(session, status="all", document_id=flag.document_id)
              if f.id != flag.id] if flag.document_id is not None else []
    history = session.scalars(
        select(AuditEntry).where(AuditEntry.fingerprint == flag.fingerprint).order_by(AuditEntry.id)
    ).all()
    path = source_file(config.store, document) if (config.store and document) else None
    location = flag.location or (values[0].location if values else None)
    pdf_image = (
        path is not None and document is not None and document.format == "pdf"
        and bool(location and location.get("page"))
    )
    crop = _crop(request, path, location, values) if pdf_image else None
    contexts = _contexts(request, flag, values, path, location)
    if flag.citation and flag.document_id is not None:
        contexts += _citation_contexts(flag, citation_mentions(session, flag.document_id, flag.citation))
    return {
        "nav": "queue",
        "flag": flag,
        "explanation": rule_explanation(flag.code),
        "values": values,
        "contexts": contexts,
        "pdf_image_url": f"/flags/{flag.id}/page.png" if crop is not None else None,
        "pdf_image_failed": pdf_image and crop is None,
        "evidence_items": _evidence_items(flag.evidence),
        "other_flags": others,
        "history": [history_row(h) for h in history],
        "prev_url": flag_url(prev_id, filters) if prev_id else None,
        "next_url": flag_url(next_id, filters) if next_id else None,
        "position": open_ids.index(flag.id) + 1 if flag.id in open_ids else None,
        "total": len(open_ids),
        "queue_url": queue_url(filters),
        "decide_url": f"/flags/{flag.id}/decide" + queue_url(filters)[1:],
        "indicator_choices": [(c, indicator_label(c)) for c in codes],
        "chosen_lines": list(codes),
        "default_line": flag.suspect if flag.suspect in codes else (codes[0] if codes else None),
        "figure_found": crop is not None and crop.found,
    }


def neighbours(ids: list[int], open_ids: list[int], current: int) -> tuple[int | None, int | None]:
    """Previous and next *open* flag around ``current`` in review order (next wraps)."""
    open_set = set(open_ids)
    if current not in ids:
        return None, (open_ids[0] if open_ids else None)
    at = ids.index(current)
    before = [i for i in ids[:at] if i in open_set]
    after = [i for i in ids[at + 1 :] if i in open_set]
    next_id = after[0] if after else (before[0] if before else None)
    return (before[-1] if before else None), next_id


def _contexts(request: Request, flag: FlagView, values, path: Path | None, location) -> list[tuple[str, list]]:
    needles = number_needles(None, None)
    for v in values:
        needles += number_needles(v.value, v.rate, v.value_raw, v.rate_raw)
    ev = flag.evidence
    needles += number_needles(ev.get("value"), ev.get("rate"), ev.get("value_raw"), ev.get("rate_raw"))
    for key in ("total", "parts_sum"):
        if isinstance(ev.get(key), int | float):
            needles += number_needles(ev[key], None)
    for part in ev.get("parts") or []:
        if isinstance(part, dict):
            needles += number_needles(part.get("value"), part.get("rate"))
    needles += _citation_needles(flag)
    out: list[tuple[str, list]] = []
    seen: set[str] = set()

    def add(label: str, text: Any) -> None:
        if isinstance(text, str) and text.strip() and text.strip() not in seen:
            seen.add(text.strip())
            out.append((label, highlight(text.strip(), needles)))

    if path is not None and location:
        add(f"Trong tệp gốc ({flag.location_text or 'vị trí cảnh báo'})",
            _cropper(request).block(path, _location(location)))
    for key in ("text", "sentence", "snippet", "context", "raw"):
        add("Đoạn văn bản làm căn cứ", ev.get(key))
    for v in values:
        add(f"Dòng {v.code} như đã đọc", v.raw)
    return out


def _citation_needles(flag: FlagView) -> list[str]:
    """The cited number/symbol and the dates in question, as they may be written."""
    if not flag.citation:
        return []
    needles = [flag.citation]
    dates = flag.evidence.get("dates")
    for iso in dates if isinstance(dates, dict) else []:
        parts = str(iso).split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            y, m, d = parts
            needles += [f"{d}/{m}/{y}", f"{int(d)}/{int(m)}/{y}", f"{d}-{m}-{y}", f"{d}.{m}.{y}"]
    return needles


def _citation_contexts(flag: FlagView, mentions) -> list[tuple[str, list]]:
    """Every mention of the cited document, its number and dates marked."""
    needles = _citation_needles(flag)
    return [
        (f"Trích dẫn trong báo cáo ({describe_location(location) or 'vị trí không rõ'})",
         highlight(raw, needles))
        for raw, location in mentions
    ]


def _location(data: dict[str, Any]) -> dict[str, Any]:
    """The stored location's fields that :class:`baocao.model.Location` takes."""
    from baocao.model import Location

    known = {k: v for k, v in data.items() if k in Location.__dataclass_fields__ and k != "nested_in"}
    if known.get("bbox") is not None:
        known["bbox"] = tuple(known["bbox"])
    return known


def _evidence_items(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    items = []
    for key, value in evidence.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        items.append((key, text))
    return items


def history_row(entry: AuditEntry) -> dict[str, Any]:
    def value_text(snapshot: dict[str, Any]) -> str:
        if snapshot.get("status") != "corrected":
            return ""
        parts = [f"{snapshot.get('indicator') or ''}"]
        if snapshot.get("value") is not None:
            parts.append(f"số lượng {fmt_number(snapshot['value'])}")
        if snapshot.get("rate") is not None:
            parts.append(f"tỉ lệ {fmt_number(snapshot['rate'])}%")
        return " ".join(p for p in parts if p)

    return {
        "at": fmt_time(entry.at),
        "actor": entry.actor,
        "channel": entry.channel,
        "flag_id": entry.flag_id,
        "code": entry.code,
        "before_status": entry.before.get("status", "open"),
        "after_status": entry.after.get("status"),
        "before_value_text": value_text(entry.before),
        "after_value_text": value_text(entry.after),
        "note": entry.note,
    }


@login_required
async def flag_page_image(request: Request) -> Response:
    flag_id = request.path_params["flag_id"]
    config = config_of(request)
    with config.sessions() as session:
        flag = get_flag(session, flag_id)
        document = get_document(session, flag.document_id) if flag and flag.document_id else None
        location = flag.location if flag else None
        values_of_flag = [v for v in document_values(session, document.id)
                          if v.code in flag.indicator_codes] if flag and document else []
        if flag and not (location and location.get("page")):
            location = values_of_flag[0].location if values_of_flag else None
    path = source_file(config.store, document) if (config.store and document) else None
    if path is None or not location or not location.get("page") or document.format != "pdf":
        return PlainTextResponse("Không có ảnh trang.", status_code=404)
    crop = _crop(request, path, location, values_of_flag)
    if crop is None:
        return PlainTextResponse("Không vẽ được trang PDF.", status_code=404)
    return Response(crop.png, media_type="image/png", headers={"cache-control": "private, max-age=600"})


def _cropper(request: Request) -> Cropper:
    return request.app.state.cropper


def _crop(request: Request, path: Path | None, location: dict[str, Any] | None, values) -> Crop | None:
    """The page band of the flag with its figures outlined, drawn in the capped child."""
    if path is None or not location or not location.get("page"):
        return None
    bbox = tuple(location["bbox"]) if location.get("bbox") else None
    figures = tuple(
        (tuple(number_needles(v.value, None, v.value_raw)), tuple(number_needles(None, v.rate, v.rate_raw)))
        for v in values
    )
    return _cropper(request).crop(path, int(location["page"]), bbox, figures)

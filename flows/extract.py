"""What the sandboxed child does for one stored file: extract, place, and judge "report?".

Runs inside :class:`flows.guard.SandboxWorker`'s child; returns plain dicts (picklable,
JSON-ready) so nothing from a hostile file's parse crosses back as live objects.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from baocao.model import Document, Extraction

# Enough filled Appendix 2 lines to be a report whatever the wording around them.
MIN_FILLED_INDICATORS = 3
# A report without Appendix 2 must still look like one: a title or "Sở … báo cáo kết quả"
# near the top, and some length (a cover email "gửi kèm báo cáo" is not a report).
MIN_REPORT_CHARS = 1500
HEAD_LINES = 40
_TITLE = re.compile(r"^\s*BÁO\s+CÁO\b")
_SELF_REPORT = re.compile(
    r"\b(sở|SỞ)\b[^.\n]{0,80}\bbáo cáo\s+(kết quả|tổng kết|tình hình)", re.IGNORECASE
)
_TOPIC = re.compile(r"131\s*/\s*QĐ|chuyển đổi số|công nghệ thông tin", re.IGNORECASE)
# A letter addressed DOWN to many units is guidance/a request, not a provincial report.
_DOWNWARD = re.compile(
    r"kính gửi\s*:?[^\n]{0,40}\b(các (tỉnh|đơn vị|phòng|trường|sở)|ủy ban nhân dân các)",
    re.IGNORECASE,
)


def extract_for_store(path: str, sender: str | None = None, filename: str | None = None) -> dict[str, Any]:
    """Run the pipeline on ``path`` and return what the store needs, as plain data."""
    from baocao.pipeline import extract_from_document
    from readers import ReaderError, read_document

    try:
        document = read_document(Path(path))
    except ReaderError as exc:
        return {"ok": False, "reason": exc.reason}
    extraction = extract_from_document(document)
    province, former = extraction.province, extraction.former_province
    if sender or filename:  # the resolver weighs text first, then sender and file name
        hinted, hinted_former = _resolve_with_hints(document, sender, filename)
        if hinted:
            province, former = hinted, hinted_former
    is_report, why = judge_report(document, extraction)
    out = extraction.to_dict()
    out["province"] = province
    if former:
        out["former_province"] = former
    return {
        "ok": True,
        "extraction": out,
        "province": province,
        "former_province": former,
        "is_report": is_report,
        "report_reason": why,
    }


def _resolve_with_hints(
    document: Document, sender: str | None, filename: str | None
) -> tuple[str | None, str | None]:
    """Province from the sender address / file name when the text did not say."""
    from extractors.province import resolve_province

    try:
        match = resolve_province(document, sender=sender, filename=filename)
    except TypeError:  # an older resolve_province without the hint parameters
        match = None
    if match is None:
        return None, None
    return match.name, getattr(match, "former_name", None)


def judge_report(document: Document, extraction: Extraction) -> tuple[bool, str]:
    """Decide "is this a provincial report?" from content alone; the reason is Vietnamese."""
    filled = [i for i in extraction.indicators if i.code and (i.value is not None or i.rate is not None)]
    if len(filled) >= MIN_FILLED_INDICATORS:
        return True, f"có {len(filled)} dòng số liệu Phụ lục 2"
    text = document.full_text()
    head = [line for line in text.splitlines() if line.strip()][:HEAD_LINES]
    head_text = "\n".join(head)
    if _DOWNWARD.search(head_text):
        return False, "văn bản gửi xuống các đơn vị (hướng dẫn/đề nghị), không phải báo cáo"
    titled = any(_TITLE.match(line) for line in head) or bool(_SELF_REPORT.search(head_text))
    if titled and len(text) >= MIN_REPORT_CHARS and _TOPIC.search(text):
        return True, "báo cáo không có số liệu Phụ lục 2"
    if filled:
        return False, f"chỉ có {len(filled)} dòng số liệu, không có dấu hiệu của một báo cáo"
    return False, "không có số liệu Phụ lục 2 và không có dấu hiệu của một báo cáo"

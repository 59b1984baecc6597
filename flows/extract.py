"""What the sandboxed child does for one stored file: extract, place, and judge "report?".

Runs inside :class:`flows.guard.SandboxWorker`'s child; returns plain dicts (picklable,
JSON-ready) so nothing from a hostile file's parse crosses back as live objects.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from baocao.model import Document, Extraction


def extract_for_store(path: str, sender: str | None = None, filename: str | None = None) -> dict[str, Any]:
    """Run the pipeline on ``path`` and return what the store needs, as plain data.

    A file holding several reports (a merged PDF) gives the first part's result with a
    ``parts`` list of every part's (each with its province, pages and report verdict).
    """
    from extractors.parts import split_reports

    document = _read_guarded(path)
    if isinstance(document, dict):
        return document
    parts = [_part_result(part, sender, filename) for part in split_reports(document)]
    if len(parts) == 1:
        return parts[0]
    reports = [p for p in parts if p["is_report"]]
    return {
        **parts[0],
        "is_report": bool(reports),
        "report_reason": f"tệp gồm {len(parts)} phần, {len(reports)} báo cáo Phụ lục 2",
        "parts": parts,
    }


def _import_pipeline() -> None:
    """The extractors and checks (~0.2 s of imports when the preload was lean)."""
    import checks  # noqa: F401
    import extractors.appendix  # noqa: F401
    import extractors.citations  # noqa: F401
    import extractors.parts  # noqa: F401
    import extractors.province  # noqa: F401
    import extractors.report_meta  # noqa: F401


def _import_pipeline_behind() -> None:
    """Import the extractors on a thread while the reader works.

    pypdfium2's calls into the C library release the GIL (ctypes), so on a PDF the imports
    mostly run while pages are parsed; with the batch's preload they are already loaded
    and the thread ends at once.
    """
    import threading

    threading.Thread(target=_import_pipeline, name="baocao-imports", daemon=True).start()


def _read_guarded(path: str) -> Document | dict[str, Any]:
    """The document, or a failure dict: a zip-based file's directory is judged first
    (declared sizes, entries, compression ratio) so a bomb is refused before inflating."""
    from flows.guard import Limits, Rejected, check_zip_directory, check_zip_members
    from readers import ReaderError, read_document

    with open(path, "rb") as fh:
        zipped = fh.read(4) == b"PK\x03\x04"
    if zipped:
        try:
            limits = Limits.from_env()
            check_zip_directory(Path(path), limits)
            check_zip_members(Path(path), limits)
        except Rejected as exc:
            return {"ok": False, "limit": True, "reason": exc.reason}
    try:
        return read_document(Path(path))
    except ReaderError as exc:
        return {"ok": False, "reason": exc.reason}


def extract_reports(request: dict[str, Any]) -> dict[str, Any]:
    """For ``baocao extract``: every report's extraction in the file, as plain dicts.

    ``request`` holds the file's ``path`` and its ``shown`` name (the container locator
    written into each line's source instead of the private temporary path).
    """
    from flows.pipeline import extract_parts

    # One document on a machine of several cores: a long PDF's pages are read on two.
    cores = len(os.sched_getaffinity(0))
    os.environ.setdefault("BAOCAO_PDF_PAGE_PROCESSES", "2" if cores >= 2 else "1")
    _import_pipeline_behind()
    document = _read_guarded(request["path"])
    if isinstance(document, dict):
        return document
    if request.get("shown"):
        document.source.path = request["shown"]
    return {"ok": True, "extractions": [e.to_dict() for e in extract_parts(document)]}


def _part_result(document: Document, sender: str | None, filename: str | None) -> dict[str, Any]:
    from flows.pipeline import extract_from_document

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
        "part": document.source.part,
        "pages": list(document.source.pages) if document.source.pages else None,
    }


def part_key(sha256: str, part: int) -> str:
    """The record key of one part of a multi-report file: stable across runs and copies."""
    return hashlib.sha256(f"{sha256}#part={part}".encode()).hexdigest()


def part_label(part: dict[str, Any]) -> str:
    """"phần 2 (trang 17–20)": how a part is shown in `baocao status`."""
    pages = part.get("pages")
    where = f" (trang {pages[0]}–{pages[1]})" if pages else ""
    return f"phần {part['part']}{where}"


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
    """Decide "is this a provincial report?" from content alone (see ``extractors.report_gate``)."""
    from extractors.report_gate import judge_report as gate

    verdict = gate(document, extraction.indicators)
    return verdict.is_report, verdict.reason

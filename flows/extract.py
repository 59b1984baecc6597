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


# What a child imports while it waits for its first request (flows.guard._import_while_idle):
# the PDF reader, small steps (a request waits for at most one of them).  Not the pipeline:
# a long PDF imports it while a sibling reads its pages (warm_pipeline), and one import of
# ~0.1 s in progress would hold up the read.
IDLE_IMPORTS = ("pypdfium2", "readers.pdf.text", "readers.pdf")
# Any other document (or a container of documents) needs the pipeline itself first: a
# ``baocao extract`` of a small text or Word file imports it while the command gets ready.
IDLE_IMPORTS_NOT_PDF = ("normalizers.numbers", "extractors.appendix", "extractors.parts",
                        "extractors.province", "checks", "extractors.report_meta",
                        "extractors.citations", "flows.pipeline", "readers.text")  # fmt: skip


def idle_imports_for(path: str) -> tuple[str, ...]:
    """What the child of ``baocao extract PATH`` imports before its request, by the file's
    first bytes (a folder, or a file that cannot be read: a PDF reader's, the default)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(5)
    except OSError:
        return IDLE_IMPORTS
    return IDLE_IMPORTS if head in (b"", b"%PDF-") else IDLE_IMPORTS_NOT_PDF


def warm_pipeline() -> None:
    """Import and first-use the whole pipeline on a one-line report made here.

    A fresh process pays ~0.3 s on its first document beyond the work itself: imports,
    patterns compiled on first use, the gazetteer's tables, Babel's locale data.  The
    batch's forkserver pays it once for every child (:mod:`flows.sandbox_preload`);
    ``baocao extract`` pays it while a sibling reads a long PDF's pages
    (:func:`readers.while_reading`).  Nothing from outside is read: only the text below.
    """
    import contextlib
    import tempfile

    from gazetteer.indicators import catalog
    from normalizers.numbers import parse_count

    text = (
        "BÁO CÁO kết quả thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022\n"
        f"1. {catalog()[0].label}: 1.000, đạt tỉ lệ 97,1%\n"
    )  # the line's wording comes from the gazetteer (its one home)
    with tempfile.TemporaryDirectory(prefix="baocao-warm-") as folder:
        path = Path(folder) / "warm.txt"
        path.write_text(text, encoding="utf-8")
        with contextlib.suppress(Exception):  # a cold pipeline still works, only slower
            extract_for_store(str(path))
            parse_count("1.000")  # Babel's "vi" locale data (~50 ms), if the text did not need it
    with contextlib.suppress(ImportError):  # what a PDF's table pages use (~50 ms to import)
        import pdfplumber.table  # noqa: F401
    global _warm
    _warm = True


_warm = False  # warm_pipeline ran in this process


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

    # One document on a machine of several cores: a long PDF's pages are read on two, and
    # its citations found beside the other extractors (baocao.forked).
    if len(os.sched_getaffinity(0)) >= 2:
        os.environ.setdefault("BAOCAO_SPARE_CORE", "1")
    from readers import while_reading

    if not _warm:
        while_reading(warm_pipeline)  # while a sibling reads a long PDF's pages, if there is one
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

"""Readers: the only place that opens files.  Each returns a :class:`baocao.model.Document`.

Text is NFC-normalized here, at the boundary, so nothing downstream has to care whether a
report was typed with composed or decomposed Vietnamese diacritics.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from baocao.model import Document, Source
from readers.formats import FORMAT_NAMES, OLE_MAGIC, identify, sniff

logger = logging.getLogger(__name__)


_while_reading: list[Callable[[], None]] = []


def while_reading(task: Callable[[], None]) -> None:
    """Have ``task`` run by this process while a forked sibling reads a long PDF's pages.

    ``baocao extract`` hands over the extractors' imports (~0.2 s): done while the
    sibling reads, they cost no wall time.  A task not run by a read is never run.
    """
    if task not in _while_reading:  # one more document of the same run: still one warm-up
        _while_reading.append(task)


def run_while_reading() -> None:
    """Called by a reader that has just forked: the tasks, once, each failure only logged."""
    while _while_reading:
        task = _while_reading.pop(0)
        try:
            task()
        except Exception:  # noqa: BLE001 - the read goes on; the task's work is redone later
            logger.exception("task run while reading failed")


class ReaderError(Exception):
    """A file could not be read; ``reason`` is a short Vietnamese message for users."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class UnsupportedFormat(ReaderError):
    pass


class UnreadableDocument(ReaderError):
    pass


SUFFIX_FORMATS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".txt": "txt",
    ".md": "md",
    ".doc": "docx",  # legacy and OpenDocument formats: converted by readers.legacy first
    ".rtf": "docx",
    ".odt": "docx",
    ".xls": "xlsx",
    ".ods": "xlsx",
}
CONVERTED_SUFFIXES = frozenset({".doc", ".rtf", ".odt", ".xls", ".ods"})
# What the bytes say (readers.formats) -> the suffix a file of that kind is read as.
CONTENT_SUFFIXES = {
    "pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "doc": ".doc", "xls": ".xls", "rtf": ".rtf",
    "odt": ".odt", "ods": ".ods",
}  # fmt: skip


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def detect_format(path: Path) -> str:
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(f"định dạng tệp không được hỗ trợ: {path.suffix or '(không có đuôi)'}")
    return fmt


def check_signature(path: Path, fmt: str) -> None:
    """Refuse empty, encrypted and mislabeled files with a reason a user can act on.

    An encrypted .docx/.xlsx is not a zip at all but an OLE compound file; parsers would
    fail with an obscure "not a zip file", so we say what it is instead.
    """
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head.strip():
        raise UnreadableDocument("tệp rỗng, không có nội dung")
    if fmt in ("docx", "xlsx"):
        kind = "Word" if fmt == "docx" else "Excel"
        actual = sniff(head)
        if actual not in (None, "zip", "ole"):
            raise UnreadableDocument(
                f"tệp {kind} bị hỏng hoặc không đúng định dạng .{fmt}: nội dung là {FORMAT_NAMES[actual]}, "
                "không phải tệp nén (zip)"
            )
        if head.startswith(OLE_MAGIC):
            raise UnreadableDocument(
                f"tệp {kind} được đặt mật khẩu hoặc là định dạng cũ (.doc/.xls); "
                f"hãy gỡ mật khẩu hoặc lưu lại dưới dạng .{fmt}"
            )
        if not head.startswith(b"PK"):
            raise UnreadableDocument(
                f"tệp {kind} bị hỏng hoặc không đúng định dạng .{fmt}: không phải tệp nén (zip), "
                "không bắt đầu bằng chữ ký PK"
            )
    if fmt == "pdf" and b"%PDF" not in head:
        raise UnreadableDocument("tệp không phải PDF hợp lệ (thiếu phần đầu %PDF)")


def content_suffix(path: Path) -> tuple[str, str | None]:
    """The suffix ``path`` is read as and, when its bytes contradict its name, a note why.

    A DOCX renamed .pdf is read as DOCX (and said so); an encrypted Office file gets its
    reason here.  Text files and unknown contents keep their name's suffix.
    """
    suffix = path.suffix.lower()
    try:
        actual = identify(path)
    except OSError:
        return suffix, None
    if actual == "encrypted":
        raise UnreadableDocument(
            f"tệp {suffix} được đặt mật khẩu (mã hóa), không đọc được; đề nghị gửi bản không mật khẩu"
        )
    real = CONTENT_SUFFIXES.get(actual or "")
    named = SUFFIX_FORMATS.get(suffix)
    same_reading = (real in CONVERTED_SUFFIXES) == (suffix in CONVERTED_SUFFIXES)
    if real is None or actual is None or (SUFFIX_FORMATS[real] == named and same_reading):
        return suffix, None
    written = suffix or "(không có đuôi)"
    return real, f"tệp mang đuôi {written} nhưng thực chất là {FORMAT_NAMES[actual]}; đã đọc theo nội dung"


def read_document(path: str | Path) -> Document:
    """Read any supported report file into the document model; the bytes decide the reader."""
    path = Path(path)
    detect_format(path)
    if not path.is_file():
        raise UnreadableDocument(f"không tìm thấy tệp: {path}")
    suffix, note = content_suffix(path)
    if note:
        logger.warning("%s: %s", path.name, note)
    fmt = SUFFIX_FORMATS[suffix]
    source = Source(path=str(path), sha256=sha256_of(path), format=fmt, format_note=note)  # type: ignore[arg-type]
    if suffix in CONVERTED_SUFFIXES:
        return _read_converted(path, source, suffix)
    if suffix != path.suffix.lower():  # some parsers (openpyxl) judge by the name: give them the true one
        import tempfile

        with tempfile.TemporaryDirectory(prefix="baocao-renamed-") as workdir:
            alias = Path(workdir) / f"input{suffix}"
            alias.symlink_to(path.resolve())
            return _read_native(alias, source, fmt)
    return _read_native(path, source, fmt)


def _read_converted(path: Path, source: Source, suffix: str) -> Document:
    """Convert with LibreOffice into a private folder, then read the result natively."""
    import shutil
    import tempfile

    from readers.legacy import ConversionError, convert

    with open(path, "rb") as fh:
        if not fh.read(1024).strip():
            raise UnreadableDocument("tệp rỗng, không có nội dung")
    source.converted_from = suffix
    with tempfile.TemporaryDirectory(prefix="baocao-convert-") as workdir:
        if suffix != path.suffix.lower():  # LibreOffice picks the target by the name: give it the true one
            path = Path(shutil.copyfile(path, Path(workdir) / f"input{suffix}"))
        try:
            converted = convert(path, Path(workdir))
        except ConversionError as exc:
            raise UnreadableDocument(str(exc)) from exc
        return _read_native(converted.path, source, source.format)


def _read_native(path: Path, source: Source, fmt: str) -> Document:
    document = _read_format(path, source, fmt)
    if fmt in ("txt", "md"):
        return document  # readers.decoding already judged the text's encoding
    from readers.legacy_text import convert_undeclared

    return convert_undeclared(document)


def _read_format(path: Path, source: Source, fmt: str) -> Document:
    try:
        check_signature(path, fmt)
        if fmt == "docx":
            from readers.docx import read_docx

            return read_docx(path, source)
        if fmt == "pdf":
            from readers.pdf import read_pdf

            _check_pdf_streams(path)
            return read_pdf(path, source)
        if fmt == "xlsx":
            from readers.xlsx import read_xlsx

            return read_xlsx(path, source)
        from readers.text import read_text

        return read_text(path, source)
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure becomes a recorded reason
        raise UnreadableDocument(f"không đọc được tệp {fmt.upper()}: {type(exc).__name__}: {exc}") from exc


def _check_pdf_streams(path: Path) -> None:
    """Refuse a PDF whose compressed streams inflate past the bounds (see readers.bounds)."""
    from readers.bounds import StreamTooLarge, check_pdf_streams

    try:
        check_pdf_streams(path)
    except StreamTooLarge as exc:
        where = "các luồng dữ liệu nén" if exc.whole_file else "một luồng dữ liệu nén"
        raise UnreadableDocument(
            f"tệp PDF có {where} giải nén vượt {exc.limit >> 20} MB, nghi là bom giải nén; không xử lý"
        ) from exc

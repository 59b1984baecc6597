"""Readers: the only place that opens files.  Each returns a :class:`baocao.model.Document`.

Text is NFC-normalized here, at the boundary, so nothing downstream has to care whether a
report was typed with composed or decomposed Vietnamese diacritics.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from baocao.model import Document, Source


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
}


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


def read_document(path: str | Path) -> Document:
    """Read any supported report file into the document model."""
    path = Path(path)
    fmt = detect_format(path)
    if not path.is_file():
        raise UnreadableDocument(f"không tìm thấy tệp: {path}")
    source = Source(path=str(path), sha256=sha256_of(path), format=fmt)  # type: ignore[arg-type]
    try:
        if fmt == "docx":
            from readers.docx import read_docx

            return read_docx(path, source)
        if fmt == "pdf":
            from readers.pdf import read_pdf

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

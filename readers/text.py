"""Plain text / Markdown reports (email bodies, text dumps of PDFs)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from baocao.model import Document, Location, Paragraph, Source


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1258", errors="replace")


def read_text(path: Path, source: Source) -> Document:
    """One paragraph per physical line, so locations are exact line numbers.

    Blank lines are kept out of the blocks but line numbers still count them.
    """
    text = unicodedata.normalize("NFC", decode_text(path.read_bytes()))
    blocks = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            blocks.append(Paragraph(text=line.rstrip(), location=Location(line=number)))
    return Document(source=source, blocks=blocks)

"""Plain text / Markdown reports (email bodies, text dumps of PDFs)."""

from __future__ import annotations

from pathlib import Path

from baocao.model import Document, Location, Paragraph, Source
from readers.decoding import decode_bytes


def decode_text(data: bytes) -> str:
    """Text of a plain-text report (see :mod:`readers.decoding` for how the encoding is chosen)."""
    return decode_bytes(data).text


def read_text(path: Path, source: Source) -> Document:
    """One paragraph per physical line, so locations are exact line numbers.

    Blank lines are kept out of the blocks but line numbers still count them.
    """
    decoded = decode_bytes(path.read_bytes())
    text = decoded.text
    if decoded.legacy:  # announced: the text was typed in a legacy Vietnamese font encoding
        source.notes.append(f"{decoded.legacy}_converted:{len(text)}")
    blocks = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            blocks.append(Paragraph(text=line.rstrip(), location=Location(line=number)))
    return Document(source=source, blocks=blocks)

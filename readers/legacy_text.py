"""TCVN3/VNI text a reader could not attribute to a font (PDF text layers, unknown font names).

A PDF made from a ``.VnTime`` document keeps the font's codes as its text ("B¸o c¸o"), and a
DOCX may name a legacy font we do not know.  When the whole document's character statistics
say TCVN3 or VNI (:func:`normalizers.legacy_encodings.detect_plain`), every paragraph and
cell is converted (TCVN3's "ư", the soft hyphen a PDF often drops, put back where Vietnamese
spelling requires it), except blocks that already hold Unicode Vietnamese letters (a mixed
document: converting those would damage them).  Noted on the source as
``tcvn3_detected:N`` / ``vni_detected:N`` (characters converted), never silent.
"""

from __future__ import annotations

from baocao.model import Cell, Document, Paragraph, Table
from normalizers.legacy_encodings import TCVN3, convert, detect_plain, has_unicode_vietnamese, restore_dropped_u

_SAMPLE_BLOCKS = 5000  # statistics on the first blocks: bounded work on a huge document


def convert_undeclared(document: Document) -> Document:
    if any(note.startswith(("tcvn3_", "vni_")) for note in document.source.notes):
        return document  # the reader already converted by font
    sample = "\n".join(text for _, (text, _) in zip(range(_SAMPLE_BLOCKS), document.iter_text(), strict=False))
    encoding = detect_plain(sample)
    if encoding is None:
        return document
    converted = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            converted += _convert_block(block, encoding)
        else:
            converted += _convert_table(block, encoding)
    if converted:
        document.source.notes.append(f"{encoding}_detected:{converted}")
    return document


def _convert_block(block: Paragraph | Cell, encoding: str) -> int:
    if not block.text or has_unicode_vietnamese(block.text):
        return 0
    block.text = convert(block.text, encoding)
    if encoding == TCVN3:  # its "ư" is the soft hyphen, which PDF text layers often drop
        block.text = restore_dropped_u(block.text)
    return len(block.text)


def _convert_table(table: Table, encoding: str) -> int:
    count = 0
    for row in table.rows:
        for cell in row:
            count += _convert_block(cell, encoding)
            for nested in cell.nested_tables:
                count += _convert_table(nested, encoding)
    return count

"""DOCX reports → the document model, with python-docx for the package and lxml for the XML.

Why walk the XML instead of ``document.paragraphs`` / ``document.tables``: those two lists lose
the interleaving of paragraphs and tables (the appendix heading must come right before its
table), and ``table.rows[i].cells`` repeats a merged cell once per grid column and once per
vertically merged row.  Walking ``w:body`` children once keeps document order, and reading
``w:gridSpan`` / ``w:vMerge`` ourselves emits each physical cell exactly once.

Word's automatic list numbers ("1.", "a)", "-") are not in the XML text; they are rendered
from ``numbering.xml`` by :mod:`readers.docx_numbering`, legacy TCVN3/VNI fonts converted by
:mod:`readers.docx_fonts`.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.styles import BabelFish
from lxml import etree

from baocao.model import Cell, Document, Location, Paragraph, Source, Table
from readers import UnreadableDocument
from readers.docx_fonts import LegacyFonts, names_legacy_font
from readers.docx_numbering import Numbering, int_val, val

log = logging.getLogger(__name__)

W_P, W_TBL, W_TR, W_TC, W_R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_T, W_TAB, W_PTAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
W_NB_HYPHEN, W_SOFT_HYPHEN = qn("w:noBreakHyphen"), qn("w:softHyphen")
W_SYM = qn("w:sym")
W_PPR, W_RPR, W_TCPR, W_TRPR = qn("w:pPr"), qn("w:rPr"), qn("w:tcPr"), qn("w:trPr")
W_TXBX = qn("w:txbxContent")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
R_ID = qn("r:id")

# Subtrees whose text Word does not show inline (property bags, the VML duplicate of a
# drawing, deleted runs) or that we emit as their own blocks (text boxes).
_SKIP_IN_PARAGRAPH = {W_PPR, W_RPR, MC_FALLBACK, qn("w:del"), qn("w:moveFrom"), W_TXBX}
_BLOCK_WRAPPERS = {W_SDT, W_SDT_CONTENT, W_CUSTOM_XML}

ENDNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------
# Walking one story (body, header, footer, footnotes)
# ---------------------------------------------------------------------------


@dataclass
class _Story:
    """Walk state of one part: counters that make locations match what a user sees."""

    part: str
    numbering: Numbering
    style_names: dict[str, str]
    style_numbering: dict[str, tuple[str, int]]
    paragraph_index: int = 0
    table_index: int = 0
    # OCR of pictures holding a table (readers.images): (paragraph, story) -> blocks
    pictures: Callable[[etree._Element, _Story], list] | None = None
    fonts: LegacyFonts = field(default_factory=LegacyFonts)  # TCVN3/VNI runs (readers.docx_fonts)
    legacy_fonts: bool = False  # any such font in the package: resolve every run's font


def _block_children(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a container, looking through content controls."""
    for child in container:
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag == W_SDT and _showing_placeholder(child):
            continue
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _block_children(child)


def _run_text(node: etree._Element, out: list[str], boxes: list[etree._Element],
              legacy: tuple[LegacyFonts, str | None] | None = None) -> None:  # fmt: skip
    for child in node:
        tag = child.tag
        if tag == W_T:
            out.append(child.text or "")
        elif tag == W_SOFT_HYPHEN:
            out.append("\u00ad")  # dropped by _CLEAN, unless a TCVN3 run makes it "ư"
        elif tag == W_R and legacy is not None and not _is_hidden(child):
            _legacy_run(child, out, boxes, legacy)
        elif tag == W_SDT and _showing_placeholder(child):
            continue
        elif tag in (W_TAB, W_PTAB):
            out.append("\t")
        elif tag in (W_BR, W_CR):
            out.append("\n")
        elif tag == W_NB_HYPHEN:
            out.append("-")
        elif tag == W_SYM:
            out.append(_symbol_text(child))
        elif tag == W_TXBX:
            boxes.append(child)
        elif tag == W_R and _is_hidden(child):
            continue
        elif tag not in _SKIP_IN_PARAGRAPH and len(child):
            _run_text(child, out, boxes, legacy)


def _legacy_run(run: etree._Element, out: list[str], boxes: list[etree._Element],
                legacy: tuple[LegacyFonts, str | None]) -> None:  # fmt: skip
    """A run in a .VnTime/VNI font: its text converted to Unicode and counted."""
    from normalizers.legacy_encodings import convert

    fonts, paragraph_font = legacy
    encoding, capitals = fonts.run_encoding(run, paragraph_font)
    inner: list[str] = []
    _run_text(run, inner, boxes, legacy)
    text = "".join(inner)
    if encoding and text.strip():
        fonts.converted[encoding] += len(text)
        text = convert(text, encoding, capitals)
    out.append(text)


def _showing_placeholder(sdt: etree._Element) -> bool:
    """A content control still showing its prompt ("Nhập số liệu") holds no value."""
    pr = sdt.find(qn("w:sdtPr"))
    flag = pr.find(qn("w:showingPlcHdr")) if pr is not None else None
    return flag is not None and val(flag, "true") not in ("0", "false", "off")


def _is_hidden(run: etree._Element) -> bool:
    """Hidden text (Font > Hidden) is not on the page: template notes a province hid."""
    rpr = run.find(W_RPR)
    vanish = rpr.find(qn("w:vanish")) if rpr is not None else None
    return vanish is not None and val(vanish, "true") not in ("0", "false", "off")


# Symbol/Wingdings characters (w:sym, or typed into a symbol font) that carry meaning in a
# report: "≥50%" in indicator 7a, bullets that start a sub-line.  Keyed by the low byte,
# since Word stores them either as F0xx or as xx.
_SYMBOL_FONT = {0xB3: "≥", 0xA3: "≤", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB7: "-", 0xAE: "→",
                0x2D: "-", 0x3E: ">", 0x3C: "<"}
_WINGDINGS = {0xA7: "-", 0xD8: "-", 0x76: "-", 0x9F: "-", 0xFC: "✓", 0xE0: "→"}
_CLEAN = str.maketrans({"\uf0b7": "-", "\uf0a7": "-", "\uf076": "-", "\uf0d8": "-",
                        "\uf0fc": "✓", "\uf0b3": "≥", "\uf0a3": "≤", "\u00a0": " ",
                        "\u00ad": None, "\u200b": None, "\ufeff": None})


def _symbol_text(sym: etree._Element) -> str:
    font = (sym.get(qn("w:font")) or "").lower()
    try:
        code = int(sym.get(qn("w:char")) or "", 16) & 0xFF
    except ValueError:
        return ""
    table = _WINGDINGS if "wingding" in font else _SYMBOL_FONT if "symbol" in font else {}
    return table.get(code, "")


def _paragraph_text(p: etree._Element, story: _Story) -> tuple[str, list[etree._Element]]:
    out: list[str] = []
    boxes: list[etree._Element] = []
    legacy = (story.fonts, story.fonts.paragraph_font(p)) if story.legacy_fonts else None
    _run_text(p, out, boxes, legacy)
    text = nfc("".join(out).translate(_CLEAN))
    label = _numbering_label(p, story)
    if label and text.strip():
        text = f"{label} {text.lstrip()}"
    return text, boxes


def _numbering_label(p: etree._Element, story: _Story) -> str:
    ppr = p.find(W_PPR)
    if ppr is None:
        return ""
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is not None:
        num_id = val(num_pr.find(qn("w:numId")))
        ilvl = int_val(num_pr.find(qn("w:ilvl")), 0)
    else:
        style = val(ppr.find(qn("w:pStyle")))
        if style not in story.style_numbering:
            return ""
        num_id, ilvl = story.style_numbering[style]
    if not num_id or num_id == "0":
        return ""
    return story.numbering.label(num_id, ilvl)


def _style_name(p: etree._Element, story: _Story) -> str | None:
    ppr = p.find(W_PPR)
    style_id = val(ppr.find(qn("w:pStyle"))) if ppr is not None else None
    return story.style_names.get(style_id, style_id) if style_id else None


def _walk_story(container: etree._Element, story: _Story) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    for element in _block_children(container):
        if element.tag == W_P:
            blocks.extend(_read_paragraph(element, story))
        else:
            location = Location(part=story.part, table=story.table_index)
            story.table_index += 1
            blocks.append(_read_table(element, location, story))
    return blocks


def _read_paragraph(p: etree._Element, story: _Story) -> list[Paragraph | Table]:
    index = story.paragraph_index
    story.paragraph_index += 1
    text, boxes = _paragraph_text(p, story)
    blocks: list[Paragraph | Table] = []
    if text.strip():
        location = Location(part=story.part, paragraph=index)
        blocks.append(Paragraph(text=text.strip(), location=location, style=_style_name(p, story)))
    if story.pictures is not None:
        blocks.extend(story.pictures(p, story))
    for box in boxes:  # text boxes: their own blocks right after the anchoring paragraph
        for inner in _block_children(box):
            if inner.tag == W_P:
                box_text, _ = _paragraph_text(inner, story)
                if box_text.strip():
                    loc = Location(part=story.part, paragraph=index)
                    blocks.append(Paragraph(text=box_text.strip(), location=loc, style="textbox"))
            else:
                loc = Location(part=story.part, table=story.table_index)
                story.table_index += 1
                blocks.append(_read_table(inner, loc, story))
    return blocks


# ---------------------------------------------------------------------------
# Tables: one Cell per physical cell, spans resolved from the grid
# ---------------------------------------------------------------------------


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Rows of a table or cells of a row, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


def _read_table(tbl: etree._Element, location: Location, story: _Story) -> Table:
    rows: list[list[Cell]] = []
    open_vmerge: dict[int, tuple[Cell, int]] = {}  # grid col -> (origin cell, origin row)
    for row_index, tr in enumerate(_children(tbl, W_TR)):
        trpr = tr.find(W_TRPR)
        col = int_val(trpr.find(qn("w:gridBefore")), 0) if trpr is not None else 0
        row: list[Cell] = []
        for tc in _children(tr, W_TC):
            tcpr = tc.find(W_TCPR)
            span = max(1, int_val(tcpr.find(qn("w:gridSpan")), 1)) if tcpr is not None else 1
            vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            hmerge = tcpr.find(qn("w:hMerge")) if tcpr is not None else None
            if vmerge is not None and val(vmerge, "continue") == "continue" and col in open_vmerge:
                origin, origin_row = open_vmerge[col]
                origin.row_span = row_index - origin_row + 1
                _append_continuation(origin, tc, story)
            elif hmerge is not None and val(hmerge, "continue") == "continue" and row:
                row[-1].col_span += span
                _append_continuation(row[-1], tc, story)
            else:
                cell_loc = Location(part=story.part, table=location.table, row=row_index, cell=col,
                                    nested_in=location.nested_in)
                cell = _read_cell(tc, cell_loc, story)
                cell.col, cell.col_span = col, span
                row.append(cell)
                for c in range(col, col + span):
                    open_vmerge.pop(c, None)
                if vmerge is not None:  # "restart"
                    open_vmerge[col] = (cell, row_index)
            col += span
        rows.append(row)
    return Table(rows=rows, location=location)


def _read_cell(tc: etree._Element, location: Location, story: _Story) -> Cell:
    lines: list[str] = []
    nested: list[Table] = []
    for element in _block_children(tc):
        if element.tag == W_P:
            text, boxes = _paragraph_text(element, story)
            lines.extend(line.strip() for line in text.split("\n") if line.strip())
            lines.extend(_box_lines(boxes, story))  # a text box anchored in the cell
        else:
            nested_loc = Location(part=story.part, table=len(nested), nested_in=location)
            nested.append(_read_table(element, nested_loc, story))
    return Cell(text="\n".join(lines), location=location, nested_tables=nested)


def _box_lines(boxes: list[etree._Element], story: _Story) -> list[str]:
    lines: list[str] = []
    for box in boxes:
        for inner in _block_children(box):
            if inner.tag == W_P:
                text, _ = _paragraph_text(inner, story)
                lines.extend(line.strip() for line in text.split("\n") if line.strip())
    return lines


def _append_continuation(origin: Cell, tc: etree._Element, story: _Story) -> None:
    """A merged-away cell normally is empty; if it is not, keep its text on the origin."""
    extra = _read_cell(tc, origin.location, story)
    if extra.text:
        origin.text = f"{origin.text}\n{extra.text}" if origin.text else extra.text
    origin.nested_tables.extend(extra.nested_tables)


# ---------------------------------------------------------------------------
# Parts
# ---------------------------------------------------------------------------


def _part_root(part) -> etree._Element:
    element = getattr(part, "element", None)
    return element if element is not None else parse_xml(part.blob)


def _related_root(document_part, reltype: str) -> etree._Element | None:
    for rel in document_part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return _part_root(rel.target_part)
    return None


def _style_tables(root: etree._Element | None) -> tuple[dict[str, str], dict[str, tuple[str, int]]]:
    names: dict[str, str] = {}
    numbering: dict[str, tuple[str, int]] = {}
    if root is None:
        return names, numbering
    for style in root.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        name = val(style.find(qn("w:name")), style_id) or style_id
        names[style_id] = BabelFish.internal2ui(name)
        num_pr = style.find(f"{W_PPR}/{qn('w:numPr')}")
        num_id = val(num_pr.find(qn("w:numId"))) if num_pr is not None else None
        if num_id:
            numbering[style_id] = (num_id, int_val(num_pr.find(qn("w:ilvl")), 0))
    return names, numbering


def _header_footer_roots(body: etree._Element, document_part) -> Iterator[tuple[str, etree._Element]]:
    """Headers/footers referenced by the sections, in section order, each part once."""
    seen: set[str] = set()
    for sect_pr in body.iter(qn("w:sectPr")):
        for ref in sect_pr:
            kind = {qn("w:headerReference"): "header", qn("w:footerReference"): "footer"}.get(ref.tag)
            rid = ref.get(R_ID)
            if kind is None or rid is None:
                continue
            part = document_part.related_parts.get(rid)
            if part is None or part.partname in seen:
                continue
            seen.add(part.partname)
            yield kind, _part_root(part)


def _note_blocks(root: etree._Element | None, story: _Story, tag: str) -> list[Paragraph | Table]:
    """Footnote/endnote bodies, skipping Word's separator notes."""
    blocks: list[Paragraph | Table] = []
    if root is None:
        return blocks
    for note in root.iterchildren(qn(tag)):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        for block in _walk_story(note, story):
            if isinstance(block, Paragraph):
                block.style = story.part
            blocks.append(block)
    return blocks


def _optional(what: str, read: Callable[[], list], path: Path) -> list:
    """Headers, footers and notes are extras: a malformed one must not lose the body."""
    try:
        return read()
    except Exception as exc:  # noqa: BLE001 - logged, the body is still read
        log.warning("skipping unreadable %s in %s: %s", what, path, exc)
        return []


def _read_numbering(document_part, path: Path) -> Numbering:
    try:
        return Numbering.from_part(_related_root(document_part, RT.NUMBERING))
    except Exception as exc:  # noqa: BLE001 - numbers are cosmetic, text is not
        log.warning("ignoring list numbering of %s: %s", path, exc)
        return Numbering()


A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
WP_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
EMU_PER_PT = 12700


def _picture_reader(document_part) -> Callable[[etree._Element, _Story], list]:
    """Pictures anchored in a paragraph, read by OCR when they hold a table."""
    from readers.images import PictureReader

    pictures = PictureReader()

    def read(p: etree._Element, story: _Story) -> list:
        blips = [b.get(R_EMBED) for b in p.iter(A_BLIP) if b.get(R_EMBED)]
        widths = [int(e.get("cx", "0")) / EMU_PER_PT for e in p.iter(WP_EXTENT)]
        if not blips:
            return []
        blocks: list = []
        anchor = Location(part=story.part, paragraph=story.paragraph_index - 1)
        for number, rid in enumerate(blips[:20]):
            part = document_part.related_parts.get(rid)
            if part is None:
                continue
            width = widths[number] if number < len(widths) and widths[number] > 0 else None
            found = pictures.blocks(part.blob, anchor, story.table_index, width)
            story.table_index += sum(isinstance(b, Table) for b in found)
            blocks.extend(found)
        return blocks

    return read


def read_docx(path: Path, source: Source) -> Document:
    """Headers first (they open every page), then the body, footnotes/endnotes, footers."""
    package = docx.Document(str(path))
    document_part = package.part
    body = document_part.element.body
    styles_root = _related_root(document_part, RT.STYLES)
    names, style_numbering = _style_tables(styles_root)
    numbering = _read_numbering(document_part, path)
    fonts = LegacyFonts.from_styles(styles_root)
    legacy = fonts.any_legacy or names_legacy_font(body)

    def story(part: str) -> _Story:
        pictures = _picture_reader(document_part) if part == "body" else None
        return _Story(part, numbering, names, style_numbering, pictures=pictures, fonts=fonts,
                      legacy_fonts=legacy)  # fmt: skip

    def headers_and_footers() -> list:
        headers: list[Paragraph | Table] = []
        footers: list[Paragraph | Table] = []
        header_story, footer_story = story("header"), story("footer")
        for kind, root in _header_footer_roots(body, document_part):
            if kind == "header":
                headers.extend(_walk_story(root, header_story))
            else:
                footers.extend(_walk_story(root, footer_story))
        return [headers, footers]

    headers, footers = _optional("headers/footers", headers_and_footers, path) or [[], []]
    blocks = headers + _walk_story(body, story("body"))
    blocks += _optional("footnotes", lambda: _note_blocks(
        _related_root(document_part, RT.FOOTNOTES), story("footnote"), "w:footnote"), path)
    blocks += _optional("endnotes", lambda: _note_blocks(
        _related_root(document_part, ENDNOTES_RT), story("endnote"), "w:endnote"), path)
    blocks += footers
    if not blocks:
        raise UnreadableDocument("tệp Word không có nội dung (không có đoạn văn hay bảng nào)")
    if fonts.converted:
        source.notes.extend(fonts.note())
        log.info("%s: legacy Vietnamese font text converted to Unicode (%s)", path.name, fonts.note())
    return Document(source=source, blocks=blocks)


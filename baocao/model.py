"""The one document model every reader produces and every extractor consumes.

Readers (``readers/``) do all the I/O and hand over a :class:`Document`: an ordered
list of blocks (paragraphs and tables).  Everything downstream is a pure function of
these plain dataclasses, so extractors can be tested with tiny hand-built documents.

Every block and cell carries a :class:`Location` so that a reviewer can find the
original text in seconds (page + bbox for PDF, table/row/cell or paragraph index for
DOCX, sheet + cell for XLSX, line number for plain text).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

SourceFormat = Literal["docx", "pdf", "xlsx", "txt", "md"]


@dataclass(frozen=True)
class Location:
    """Where a piece of text came from; unset fields are omitted from JSON."""

    part: str | None = None  # docx: "body" | "header" | "footer" | "footnote"
    page: int | None = None  # 1-based PDF page
    bbox: tuple[float, float, float, float] | None = None  # PDF points (x0, top, x1, bottom)
    paragraph: int | None = None  # 0-based index among paragraphs of the part
    table: int | None = None  # 0-based table index in document order
    row: int | None = None  # 0-based row index within the table
    cell: int | None = None  # 0-based column index (grid column of the cell's left edge)
    sheet: str | None = None  # XLSX sheet title
    cell_ref: str | None = None  # XLSX "B7"
    line: int | None = None  # 1-based line in a text file, or line within a cell/paragraph
    nested_in: Location | None = None  # for a table nested in a DOCX cell
    # Text read by OCR: Tesseract's lowest word confidence in the block (0-100), and the
    # figure slips repaired in it ("9:302 -> 9.302"), which checks turn into flags.
    confidence: float | None = None
    ocr_repairs: tuple[str, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        # Fields read directly: ``asdict`` deep-copies every value, a tenth of a second on
        # the ~2,000 locations of a 100-page report.
        out: dict[str, Any] = {}
        for spec in fields(self):
            key, value = spec.name, getattr(self, spec.name)
            if value is None:
                continue
            if key == "nested_in":
                value = asdict(value)
            elif key == "bbox":
                value = [round(v, 1) for v in value]
            elif key == "confidence":
                value = round(value, 1)
            elif key == "ocr_repairs":
                value = list(value)
            out[key] = value
        return out

    def with_line(self, line: int) -> Location:
        """A copy pointing at one line inside this block (for multi-line cells)."""
        from dataclasses import replace

        return replace(self, line=line)


@dataclass
class Paragraph:
    text: str
    location: Location
    style: str | None = None  # e.g. "Heading 1", "footnote"

    kind: str = field(default="paragraph", init=False)


@dataclass
class Cell:
    """One table cell, merged cells appear once (at their top-left grid position).

    ``value`` holds the native typed value when the format has one (XLSX), with
    ``number_format`` telling e.g. that 0.971 is shown as 97,1%.
    """

    text: str
    location: Location
    col: int = 0
    row_span: int = 1
    col_span: int = 1
    value: Any = None
    number_format: str | None = None
    nested_tables: list[Table] = field(default_factory=list)


@dataclass
class Table:
    rows: list[list[Cell]]
    location: Location

    kind: str = field(default="table", init=False)

    def text(self) -> str:
        return "\n".join(" | ".join(c.text for c in row) for row in self.rows)


Block = Paragraph | Table


@dataclass
class Source:
    path: str
    sha256: str
    format: SourceFormat
    part: int | None = None  # 1-based, when the file holds several reports (extractors.parts)
    pages: tuple[int, int] | None = None  # first and last PDF page of that part
    converted_from: str | None = None  # e.g. ".doc": read after LibreOffice conversion (readers.legacy)
    format_note: str | None = None  # the bytes contradicted the name: "mang đuôi .pdf nhưng thực chất là ..."
    # how the reader had to interpret the text, e.g. "tcvn3_converted:412" (legacy font encodings)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "sha256": self.sha256, "format": self.format}
        if self.part is not None:
            out["part"] = self.part
        if self.pages is not None:
            out["pages"] = list(self.pages)
        if self.converted_from is not None:
            out["converted_from"] = self.converted_from
        if self.format_note is not None:
            out["format_note"] = self.format_note
        if self.notes:
            out["notes"] = list(self.notes)
        return out


@dataclass
class Document:
    source: Source
    blocks: list[Block]
    page_count: int | None = None

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def iter_text(self):
        """Yield (text, location) for every paragraph and every table cell, in order."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block.text, block.location
            else:
                yield from _iter_table_text(block)

    def full_text(self) -> str:
        return "\n".join(text for text, _ in self.iter_text())


def _iter_table_text(table: Table):
    for row in table.rows:
        for cell in row:
            yield cell.text, cell.location
            for nested in cell.nested_tables:
                yield from _iter_table_text(nested)


# ---------------------------------------------------------------------------
# Extraction results (what `baocao extract` prints, what the store keeps)
# ---------------------------------------------------------------------------


@dataclass
class IndicatorValue:
    """One Appendix 2 line as read from a report.

    ``value`` is a count, ``rate`` a percentage (97.1 for "97,1%").  Missing is None,
    never 0.  ``raw`` is the text as written; ``notes`` says why a reading was unsure.
    """

    code: str | None
    label: str
    value: int | float | None
    rate: float | None
    raw: str
    location: Location
    notes: list[str] = field(default_factory=list)
    value_raw: str | None = None
    rate_raw: str | None = None
    names: list[str] = field(default_factory=list)  # e.g. platform names for 3a

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "label": self.label,
            "value": self.value,
            "rate": self.rate,
            "raw": self.raw,
            "location": self.location.to_dict(),
        }
        if self.value_raw is not None:
            out["value_raw"] = self.value_raw
        if self.rate_raw is not None:
            out["rate_raw"] = self.rate_raw
        if self.notes:
            out["notes"] = list(self.notes)
        if self.names:
            out["names"] = list(self.names)
        return out


@dataclass
class Citation:
    """One mention of a legal document (số/ký hiệu/ngày) in the text."""

    id: str
    type: str | None
    number: str
    year: int | None
    symbol: str
    issuer: str | None
    date: str | None  # ISO yyyy-mm-dd
    raw: str
    location: Location
    # What was repaired or assumed while reading it: "restored_marks:QD→QĐ", "ocr_digit:1l→11",
    # "unknown_code:SYT", "register_row", "month_first_column" (see extractors.citations).
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "number": self.number,
            "year": self.year,
            "symbol": self.symbol,
            "issuer": self.issuer,
            "date": self.date,
            "raw": self.raw,
            "location": self.location.to_dict(),
        }
        if self.notes:
            out["notes"] = list(self.notes)
        return out


@dataclass
class Flag:
    """A reason to doubt a value or citation; ``code`` is stable, ``message`` Vietnamese."""

    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    indicator: str | None = None
    indicators: list[str] | None = None
    citation: str | None = None
    evidence: dict[str, Any] | None = None
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "severity": self.severity, "message": self.message}
        if self.indicator is not None:
            out["indicator"] = self.indicator
        if self.indicators is not None:
            out["indicators"] = list(self.indicators)
        if self.citation is not None:
            out["citation"] = self.citation
        out["evidence"] = self.evidence or {}
        out["location"] = self.location.to_dict() if self.location else None
        return out


@dataclass
class Extraction:
    """Everything read from one document; ``to_dict`` is the `baocao extract` line."""

    source: Source
    province: str | None
    indicators: list[IndicatorValue] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    report_date: str | None = None  # ISO date of the report itself, when it says
    own_number: str | None = None  # the report's own (maybe unfilled) số/ký hiệu
    former_province: str | None = None  # pre-2025 name when the text used one
    platform_names: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "source": self.source.to_dict(),
            "province": self.province,
            "indicators": [i.to_dict() for i in self.indicators],
            "citations": [c.to_dict() for c in self.citations],
            "flags": [f.to_dict() for f in self.flags],
        }
        if self.report_date:
            out["report_date"] = self.report_date
        if self.own_number:
            out["own_number"] = self.own_number
        if self.former_province:
            out["former_province"] = self.former_province
        return out

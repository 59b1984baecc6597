"""Build the picture samples: a DOCX whose appendix table was pasted as pictures.

    python scripts/build_pictures.py     # samples/reports/*_picture.docx + samples/gold/*_picture.json

A province that could not edit the Ministry's table sometimes screenshots it (or scans the
printed page) and pastes the picture into its report.  This starts from a report that
``scripts/build_samples.py`` wrote as DOCX and rendered as PDF, crops every page's part of
the appendix table out of the rendered PDF (pdfplumber finds the table's box), and puts
those pictures where the table was in the DOCX, the table itself removed.  Pictures are
black-and-white PNG (as a copier or a screenshot tool saves them) to stay small.  The gold
is the source report's gold with ``"kind": "picture"``.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2
from docx import Document as open_docx
from docx.shared import Cm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_scans import build_all, write_derived_gold  # noqa: E402  (a sibling script)

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "samples" / "reports"
GOLD = REPO / "samples" / "gold"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Picture:
    source: str  # stem with both a .docx and a .pdf rendering in samples/reports
    name: str
    dpi: int = 200
    marker: str = "Nội dung triển khai"  # text of the appendix table's header row


PICTURES = (Picture("cantho_merged", "cantho_picture"),)


def table_crops(pdf_path: Path, dpi: int, first_page_text: str) -> list[bytes]:
    """PNG crops of the appendix table on each page it covers (from its header onwards)."""
    crops: list[bytes] = []
    rendered = pypdfium2.PdfDocument(str(pdf_path))
    with pdfplumber.open(str(pdf_path)) as plumber:
        started = False
        for index, page in enumerate(plumber.pages):
            tables = page.find_tables()
            if not started:
                tables = [t for t in tables if first_page_text in (page.crop(t.bbox).extract_text() or "")]
                started = bool(tables)
            if not started or not tables:
                if started:
                    break
                continue
            x0, top, x1, bottom = tables[0].bbox
            image = rendered[index].render(scale=dpi / 72, grayscale=True).to_pil()
            scale = dpi / 72
            box = (int((x0 - 4) * scale), int((top - 4) * scale), int((x1 + 4) * scale),
                   int((bottom + 4) * scale))
            crop = image.convert("L").crop(box).point(lambda v: 255 if v > 160 else 0).convert("1")
            buffer = io.BytesIO()
            crop.save(buffer, format="PNG", optimize=True)
            crops.append(buffer.getvalue())
    rendered.close()
    return crops


def build(picture: Picture) -> Path:
    crops = table_crops(REPORTS / f"{picture.source}.pdf", picture.dpi, picture.marker)
    document = open_docx(str(REPORTS / f"{picture.source}.docx"))
    table = next(t for t in document.tables if picture.marker in t._tbl.xml)
    anchor = table._tbl
    for crop in crops:
        paragraph = document.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(crop), width=Cm(17))
        anchor.addnext(paragraph._p)
        anchor = paragraph._p
    table._tbl.getparent().remove(table._tbl)
    out = REPORTS / f"{picture.name}.docx"
    document.save(str(out))
    write_derived_gold(picture.source, picture.name,
                       {"kind": "picture", "pictured_from": f"{picture.source}.docx"})
    return out


def main() -> int:
    return build_all((build, picture) for picture in PICTURES)


if __name__ == "__main__":
    sys.exit(main())

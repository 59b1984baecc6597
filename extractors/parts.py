"""Several reports in one file: split a document at each new report.

An office forwarding provinces' reports often merges them into one PDF (or pastes them
into one DOCX).  Each report is its own record, with its own province and page range, so
the document is cut where a new report begins:

* a **letterhead**: the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") followed within
  a few lines by a "BÁO CÁO" title (the agency lines and "Số: …" just above the motto go
  with it), once the text before it is a report of its own (a closing "./.", "Nơi nhận",
  or filled Appendix 2 lines);
* an **appendix restart**: a second Appendix 2 heading whose table repeats the template
  lines already filled above it (two provinces' appendices back to back).

A "BÁO CÁO" quoted inside the body ("… theo Báo cáo số 12/BC-SGDĐT …", a title cited in
quotation marks) or an appendix page that repeats the letterhead without a new title never
cuts.  Pure: Document in, Documents out; a single report comes back as the same object.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from baocao.model import Block, Document, Paragraph, Source, Table
from extractors.appendix.patterns import APPENDIX_TITLE_RE
from normalizers.text import base_letters, strip_diacritics

# Either line of the national motto, on diacritic-free text (OCR and old fonts lose marks; PDF
# text may break "CỘNG HÒA XÃ HỘI CHỦ / NGHĨA VIỆT NAM").
MOTTO_RE = regex.compile(r"cong\s+hoa\s+xa\s+hoi|doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc")
# The report's own title line: "BÁO CÁO" alone or opening a short capitalised line.
# The report's title line, in capitals: "BÁO CÁO", "BÁO CÁO TỔNG KẾT" (diacritic-free match).
TITLE_RE = regex.compile(r"^\s*bao\s+cao\b")
MAX_TITLE_CHARS = 110
CLOSING_RE = regex.compile(r"\./\.\s*$|^\s*Nơi\s+nhận\s*:?", regex.M)
LETTERHEAD_LINE_RE = regex.compile(r"^\s*(?:Số\s*(?:hiệu)?\s*:|[\p{Lu}\d\s&.,\-–/()]{2,80}$)")
CONTINUED_RE = regex.compile(r"\(\s*tiếp(?:\s+theo)?\s*\)|\btiếp\s+theo\b", regex.I)
TITLE_WINDOW = 12  # blocks after the motto where the title must come
LETTERHEAD_BACK = 6  # blocks before the motto that may belong to the letterhead
MIN_PART_CHARS = 800  # a part shorter than this is a cover page, not a report
MAX_HEADING_CHARS = 160
MIN_RESTART_LINES = 5  # filled lines on both sides of an appendix restart
MIN_SHARED_LINES = 3  # of which the same template codes
HEADING_GROUP_GAP = 3  # headings closer than this many blocks are one appendix's title lines


def split_reports(document: Document) -> list[Document]:
    """The reports in ``document``, in order; ``[document]`` itself when there is one."""
    cuts = _letterhead_cuts(document.blocks)
    cuts = _without_own_appendix_pages(document.blocks, cuts)
    cuts = _with_appendix_restarts(document, cuts)
    if len(cuts) == 1:
        return [document]
    bounds = [*cuts, len(document.blocks)]
    parts = [_part(document, index, bounds[index], bounds[index + 1]) for index in range(len(cuts))]
    return _close_page_gaps(parts, document.page_count)


def _text(block: Block) -> str:
    return block.text if isinstance(block, Paragraph) else block.text()


def _letterhead_cuts(blocks: list[Block]) -> list[int]:
    cuts = [0]
    for index, block in enumerate(blocks):
        if index == 0 or not _is_letterhead(block) or not _titled(blocks, index):
            continue
        start = _letterhead_start(blocks, index, floor=cuts[-1])
        if start > cuts[-1] and _is_complete(blocks[cuts[-1] : start]):
            cuts.append(start)
    return cuts


def _without_own_appendix_pages(blocks: list[Block], cuts: list[int]) -> list[int]:
    """A report's appendix may open with its own letterhead and "BÁO CÁO SỐ LIỆU" title: a
    part with no figures followed by the same province's figures is one report, not two."""
    from extractors.province import resolve_province

    def province(start: int, end: int) -> str | None:
        match = resolve_province(_piece(blocks[start:end]))
        return match.name if match else None

    kept = [0]
    bounds = [*cuts, len(blocks)]
    for index in range(1, len(cuts)):
        before, after = (kept[-1], cuts[index]), (cuts[index], bounds[index + 1])
        same_report = len(_filled_codes(blocks[before[0] : before[1]])) < MIN_SHARED_LINES and (
            province(*before) is not None and province(*before) == province(*after)
        )
        if not same_report:
            kept.append(cuts[index])
    return kept


def _is_letterhead(block: Block) -> bool:
    if isinstance(block, Table):
        return len(block.rows) <= 4 and _has_motto(block.text())
    return len(block.text) <= MAX_HEADING_CHARS and _has_motto(block.text)


def _has_motto(text: str) -> bool:
    letters = base_letters(text)  # most lines: no "hoi"/"phuc", so no full fold (see MOTTO_RE)
    if "hoi" not in letters and "phuc" not in letters:
        return False
    return bool(MOTTO_RE.search(strip_diacritics(text)))


def _titled(blocks: list[Block], index: int) -> bool:
    """A "BÁO CÁO" title (or, with a title in the letterhead table, nothing more) follows."""
    window = [blocks[index]] if isinstance(blocks[index], Table) else []
    window += blocks[index + 1 : index + 1 + TITLE_WINDOW]
    # A DOCX paragraph may hold "BÁO CÁO" and the subject behind a line break.
    return any(_is_title(line) for block in window for line in _text(block).splitlines())


def _is_title(line: str) -> bool:
    """"BÁO CÁO" opening a short line in capitals; "Báo cáo số 12/BC-…" in a sentence is not one."""
    return len(line) <= MAX_TITLE_CHARS and not any(ch.islower() for ch in line) and bool(
        TITLE_RE.match(strip_diacritics(line))
    )


def _letterhead_start(blocks: list[Block], motto: int, floor: int) -> int:
    """Walk back over the agency lines and "Số: …" that PDF text puts before the motto."""
    start = motto
    page = blocks[motto].location.page
    while start - 1 > floor and motto - (start - 1) <= LETTERHEAD_BACK:
        previous = blocks[start - 1]
        if not isinstance(previous, Paragraph) or previous.location.page != page:
            break
        if not LETTERHEAD_LINE_RE.match(previous.text) or CLOSING_RE.search(previous.text):
            break
        start -= 1
    return start


def _is_complete(blocks: list[Block]) -> bool:
    """The text before a new letterhead is a report: long enough, and closed or with figures."""
    text = "\n".join(_text(b) for b in blocks)
    if len(text) < MIN_PART_CHARS:
        return False
    return bool(CLOSING_RE.search(text)) or len(_filled_codes(blocks)) >= MIN_SHARED_LINES


def _piece(blocks: list[Block]) -> Document:
    return Document(Source(path="", sha256="", format="txt"), list(blocks))


def _filled_codes(blocks: list[Block]) -> set[str]:
    from extractors.appendix import read_appendix

    return {v.code for v in read_appendix(_piece(blocks)) if v.code and (v.value is not None or v.rate is not None)}


def _with_appendix_restarts(document: Document, cuts: list[int]) -> list[int]:
    """Cut again inside a part where a second appendix repeats the lines filled above it."""
    blocks = document.blocks
    found = [i for i, block in enumerate(blocks) if isinstance(block, Paragraph) and _is_appendix_heading(block)]
    headings = _heading_groups(found, blocks)
    out = list(cuts)
    for heading in headings:
        part_start = max(c for c in out if c <= heading)
        if not any(part_start <= h < heading for h in headings):
            continue  # the part's first appendix: only a second one can be a restart
        following = [h for h in headings if h > heading] + [c for c in out if c > heading] + [len(blocks)]
        before = _filled_codes(blocks[part_start:heading])
        after = _filled_codes(blocks[heading : min(following)])
        if len(before) >= MIN_RESTART_LINES and len(after) >= MIN_RESTART_LINES and len(before & after) >= (
            MIN_SHARED_LINES
        ):
            out = sorted({*out, heading})
    return out


def _heading_groups(headings: list[int], blocks: list[Block]) -> list[int]:
    """"Phụ lục 2" then "BIỂU SỐ LIỆU THỐNG KÊ" a line below is one heading, not two."""
    groups: list[int] = []
    for index in headings:
        between = blocks[groups[-1] : index] if groups else []
        if not groups or index - groups[-1] > HEADING_GROUP_GAP or any(isinstance(b, Table) for b in between):
            groups.append(index)
    return groups


def _is_appendix_heading(paragraph: Paragraph) -> bool:
    """An appendix's title; "Phụ lục 2 (tiếp theo)" continues one and never restarts."""
    text = paragraph.text
    return len(text) <= MAX_HEADING_CHARS and bool(APPENDIX_TITLE_RE.match(text)) and not CONTINUED_RE.search(text)


def _part(document: Document, index: int, start: int, end: int) -> Document:
    blocks = document.blocks[start:end]
    pages = sorted({p for b in blocks for p in _pages(b)})
    page_range = (pages[0], pages[-1]) if pages else None
    source = replace(document.source, part=index + 1, pages=page_range)
    page_count = page_range[1] - page_range[0] + 1 if page_range else None
    return Document(source=source, blocks=blocks, page_count=page_count)


def _close_page_gaps(parts: list[Document], page_count: int | None) -> list[Document]:
    """Blank pages (a page of only a footer) go with the part before them."""
    out = []
    for index, part in enumerate(parts):
        pages = part.source.pages
        if pages is not None:
            following = next((p.source.pages[0] for p in parts[index + 1 :] if p.source.pages), None)
            end = following - 1 if following is not None else (page_count or pages[1])
            if end > pages[1]:
                pages = (pages[0], end)
                part = Document(replace(part.source, pages=pages), part.blocks, pages[1] - pages[0] + 1)
        out.append(part)
    return out


def _pages(block: Block) -> list[int]:
    """Pages a block touches: a table joined across a page break has cells on each."""
    pages = [block.location.page] if block.location.page is not None else []
    if isinstance(block, Table):
        pages += [c.location.page for row in block.rows for c in row if c.location.page is not None]
    return pages

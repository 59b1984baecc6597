"""The table pages of a PDF read in page order, on two cores when there are several.

A table page costs ~25 ms (pdfplumber's word and table algorithms on the chars and edges
pypdfium2 gives), against ~2 ms for its text; a report whose appendix fills eight pages of
narrow columns spends most of its reading here.  With a spare core
(``BAOCAO_SPARE_CORE``, see :mod:`readers.pdf.pages`) and two table pages or more, a
forked copy (:class:`baocao.forked.Forked`) reads the second half of them while this
process reads the first.  The only state one page hands the next is a borderless table's
layout (its column titles at a page's foot); the copy starts without one, so its reading
is used only when this process ends its half without one too.  Otherwise, or when the copy
fails, the second half is read here, and the log says so.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2

from baocao import settings
from baocao.forked import Forked
from readers.pdf.borderless import BorderlessLayout
from readers.pdf.layout import PageBlocks, TablePart
from readers.pdf.pdfium_tables import FontBook
from readers.pdf.tables import _pdfium_page_blocks, _plumber_page_blocks, pdfplumber_open
from readers.pdf.text import PageText, table_page_numbers

log = logging.getLogger(__name__)

BESIDE_MIN_PAGES = 2  # one page of tables (~25 ms) does not pay for the fork and the pickling


@dataclass
class _Reading:
    """Table pages read from ``start``: blocks by page number, pdfplumber fallbacks, and the
    borderless layout left for the page after ``stop`` (None when no table goes on)."""

    blocks: dict[int, PageBlocks] = field(default_factory=dict)
    fallbacks: list[tuple[int, str]] = field(default_factory=list)
    carried: BorderlessLayout | None = None
    stopped: bool = False  # pdfplumber could not open the file: later pages keep their lines


def _table_pages(path: Path, texts: list[PageText], pages: list[PageBlocks],
                 engine: str = "pdfium") -> list[tuple[int, str]]:  # fmt: skip
    """Replace the blocks of table pages with their table reading, in place; return the
    pages read by pdfplumber instead of pypdfium2, with the reason.

    ``engine="pdfium"`` (the default) reads a table page from pypdfium2's chars and paths and
    falls back to pdfplumber page by page (:mod:`readers.pdf.pdfium_tables` says when);
    ``"pdfplumber"`` reads every table page with pdfplumber (the reference the tests compare
    with).  pdfminer (under pdfplumber) trips over some PDFs that pdfium reads fine; a page
    failing both ways keeps its pypdfium2 lines instead of costing the whole document.
    """
    wanted = table_page_numbers(texts)
    if not wanted:
        return []
    ordered = sorted(wanted)
    split = ordered[len(ordered) // 2] - 1 if len(ordered) >= BESIDE_MIN_PAGES else len(texts)
    if split >= len(texts) or not settings.load().uses_spare_core:
        reading = _read(path, texts, wanted, engine, 0, len(texts))
    else:
        reading = _read_beside(path, texts, wanted, engine, split)
    for number, blocks in reading.blocks.items():
        if any(isinstance(item, TablePart) for _, item in blocks.items):
            pages[number - 1] = blocks
    return reading.fallbacks


def _read_beside(path: Path, texts: list[PageText], wanted: set[int], engine: str, split: int) -> _Reading:
    """Pages before ``split`` here, the rest in a forked copy (see the module docstring)."""
    beside = Forked(_read, path, texts, wanted, engine, split, len(texts))
    mine = _read(path, texts, wanted, engine, 0, split)
    theirs = beside.result()
    if mine.stopped:
        return mine
    if theirs is None or mine.carried is not None:
        if theirs is None:
            log.warning("table pages beside failed on %s: pages %d-%d read here", path, split + 1, len(texts))
        theirs = _read(path, texts, wanted, engine, split, len(texts), mine.carried)
    mine.blocks.update(theirs.blocks)
    mine.fallbacks += theirs.fallbacks
    mine.stopped, mine.carried = theirs.stopped, theirs.carried
    return mine


def _read(path: Path, texts: list[PageText], wanted: set[int], engine: str, start: int, stop: int,
          carried: BorderlessLayout | None = None) -> _Reading:  # fmt: skip
    """The table pages among ``texts[start:stop]``, in order; a page that is not wanted is
    read too while a borderless table goes on from the page before."""
    reading = _Reading(carried=carried)
    with ExitStack() as stack:
        pdf = stack.enter_context(closing(pypdfium2.PdfDocument(str(path))))
        fonts = stack.enter_context(closing(FontBook(path)))
        plumber = None
        for text in texts[start:stop]:
            number = text.number
            if number not in wanted and reading.carried is None:
                continue
            page_blocks = None
            if engine == "pdfium":
                try:
                    page_blocks, reading.carried = _pdfium_page_blocks(pdf, fonts, text, reading.carried)
                except Exception as exc:  # noqa: BLE001 - pdfplumber reads it instead
                    reason = f"{type(exc).__name__}: {exc}"
                    log.info("pdfplumber reads %s page %d (%s)", path, number, reason)
                    reading.fallbacks.append((number, reason))
            if page_blocks is None:
                if plumber is None:
                    try:
                        plumber = stack.enter_context(pdfplumber_open(path))
                    except Exception as exc:  # noqa: BLE001 - text lines are still a usable reading
                        log.warning("pdfplumber cannot open %s (%s): tables read as text lines", path, exc)
                        reading.stopped = True
                        return reading
                try:
                    page_blocks, reading.carried = _plumber_page_blocks(plumber.pages[number - 1], number,
                                                                        reading.carried)  # fmt: skip
                except Exception as exc:  # noqa: BLE001 - see _table_pages
                    log.warning("pdfplumber failed on %s page %d (%s)", path, number, exc)
                    reading.carried = None
                    continue
            reading.blocks[number] = page_blocks
    return reading

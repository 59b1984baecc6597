"""Every page's text layer, on two cores when the document is long and a core is spare.

pypdfium2 reads a page in about a millisecond and our line/box work doubles that, so a
100-page report spends a quarter of a second here; ``baocao extract`` (one document, two
cores) forks a sibling (:class:`baocao.forked.Forked`), and both take the next unread page
until none is left (the sibling reads most of them while this process also warms the
extractors, see :func:`readers.while_reading`).  The batch keeps one process per document
(its workers already fill the cores): only a process with a spare core forks
(``BAOCAO_SPARE_CORE``).

The sibling opens the file again (a shared descriptor would share its offset with this
process).  If it fails for any reason the pages it took are read here, announced in the
log, so the result never depends on the split.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from baocao import settings
from baocao.forked import Forked
from readers import run_while_reading
from readers.pdf.text import PageText, _read_page_text

log = logging.getLogger(__name__)

PARALLEL_MIN_PAGES = 24  # below this a fork (~5 ms) and the pickling buy nothing


def read_page_texts(path: Path, open_pdf: Callable[[Path], object]) -> list[PageText]:
    """Every page's :class:`PageText`, in page order."""
    pdf = open_pdf(path)
    try:
        count = len(pdf)
        if not settings.load().uses_spare_core or count < PARALLEL_MIN_PAGES:
            return [_read_one(pdf, index) for index in range(count)]
        claims = _Claims(count)
        sibling = Forked(_read_claimed, path, open_pdf, claims)
        run_while_reading()
        mine = {index: _read_one(pdf, index) for index in claims.each()}
        theirs = sibling.result()
        if theirs is None:
            theirs = {}
            left = count - len(mine)
            log.warning("page reader sibling failed on %s: its %d pages read here", path, left)
        return [_first(mine.get(i), theirs.get(i)) or _read_one(pdf, i) for i in range(count)]
    finally:
        pdf.close()


def _first(*found: PageText | None) -> PageText | None:
    return next((page for page in found if page is not None), None)


class _Claims:
    """The next unread page, shared by this process and its sibling (a counter in shared
    memory under a lock), so whichever is free takes the next page."""

    def __init__(self, count: int) -> None:
        import multiprocessing

        self.count = count
        self._next = multiprocessing.get_context("fork").Value("i", 0)

    def each(self) -> Iterator[int]:
        while True:
            with self._next.get_lock():
                index = self._next.value
                self._next.value = index + 1
            if index >= self.count:
                return
            yield index


def _read_claimed(path: Path, open_pdf: Callable[[Path], object], claims: _Claims) -> dict[int, PageText]:
    """In the sibling: its own handle on the file, the pages it claims."""
    pdf = open_pdf(path)
    try:
        return {index: _read_one(pdf, index) for index in claims.each()}
    finally:
        pdf.close()


def _read_one(pdf, index: int) -> PageText:
    page = pdf[index]
    try:
        return _read_page_text(page, index + 1)
    finally:
        page.close()

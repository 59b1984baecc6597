"""Every page's text layer, on two cores when the document is long and a core is spare.

pypdfium2 reads a page in about a millisecond and our line/box work doubles that, so a
100-page report spends a quarter of a second here; ``baocao extract`` (one document, two
cores) forks a sibling, and both take the next unread page until none is left (the
sibling reads most of them while this process also imports the extractors).  The batch
keeps one process per document (its workers already fill the cores), so the default is
one process (``BAOCAO_PDF_PAGE_PROCESSES``).

The sibling is a fork of the capped sandbox child: same memory and CPU limits, killed
with it (``PR_SET_PDEATHSIG``), and it opens the file again (a shared descriptor would
share its offset with this process).  It sends its pages back pickled; if it fails for
any reason the pages it took are read here, so the result never depends on the split.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path

from readers import run_while_reading
from readers.pdf.text import PageText, _read_page_text

log = logging.getLogger(__name__)

PARALLEL_MIN_PAGES = 24  # below this a fork (~5 ms) and the pickling buy nothing
PROCESSES_ENV = "BAOCAO_PDF_PAGE_PROCESSES"  # set by the child's entry point (flows.extract)


def page_processes() -> int:
    """1 (the default, a batch) or 2: how many processes read one PDF's pages."""
    value = os.environ.get(PROCESSES_ENV, "1")
    return 2 if value.strip() == "2" else 1


def read_page_texts(path: Path, open_pdf: Callable[[Path], object]) -> list[PageText]:
    """Every page's :class:`PageText`, in page order."""
    pdf = open_pdf(path)
    try:
        count = len(pdf)
        if page_processes() < 2 or count < PARALLEL_MIN_PAGES:
            return [_read_one(pdf, index) for index in range(count)]
        claim = _Claims(count)
        sibling = _fork_reader(path, open_pdf, claim)
        run_while_reading()
        mine = {index: _read_one(pdf, index) for index in claim.each()}
        theirs = _collect(sibling)
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
    memory under a lock), so whichever is free takes the next page: the sibling reads on
    while this process also imports the extractors (see ``flows.extract``)."""

    def __init__(self, count: int) -> None:
        import multiprocessing

        self.count = count
        self._next = multiprocessing.get_context("fork").Value("i", 0)

    def each(self):
        while True:
            with self._next.get_lock():
                index = self._next.value
                self._next.value = index + 1
            if index >= self.count:
                return
            yield index


def _read_one(pdf, index: int) -> PageText:
    page = pdf[index]
    try:
        return _read_page_text(page, index + 1)
    finally:
        page.close()


def _fork_reader(path: Path, open_pdf: Callable[[Path], object], claim: _Claims
                 ) -> tuple[int, int] | None:
    """(pid, read end of the pipe) of a sibling reading the pages it claims, or None."""
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError as exc:  # out of processes or memory: read everything here
        log.warning("cannot fork a page reader (%s)", exc)
        return None
    if pid == 0:  # the sibling: never returns
        status = 1
        try:
            os.close(read_fd)
            _die_with_parent()
            pdf = open_pdf(path)
            pages = {index: _read_one(pdf, index) for index in claim.each()}
            data = pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def _collect(sibling: tuple[int, int] | None) -> dict[int, PageText] | None:
    if sibling is None:
        return None
    pid, read_fd = sibling
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        return pickle.loads(data)  # noqa: S301 - our own fork's PageText objects
    except Exception:  # noqa: BLE001 - a truncated pipe: the pages are read here instead
        return None


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL

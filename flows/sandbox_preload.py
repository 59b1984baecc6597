"""Imported once by the sandbox's forkserver: the whole pipeline, warmed on a tiny text.

Every sandbox child is forked from that server (``multiprocessing`` "forkserver"), so
it starts with spaCy, the readers and the gazetteer already loaded (~3 s of imports and
first-use set-up paid once per batch instead of once per child, and the pages shared
copy-on-write).  The server is a fresh interpreter, never a fork of a parent holding
Prefect/SQLAlchemy threads.  Nothing from outside is read here: only the text below.
"""

from __future__ import annotations

import contextlib

from flows.guard import limit_native_threads

limit_native_threads()  # before numpy/OpenCV load below (see its docstring)


def warm_up() -> None:
    from flows.extract import warm_pipeline

    warm_pipeline()
    with contextlib.suppress(ImportError):  # readers import their libraries lazily
        import docx  # noqa: F401
        import openpyxl  # noqa: F401
        import pdfplumber  # noqa: F401
        import pypdfium2  # noqa: F401


warm_up()

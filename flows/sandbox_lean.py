"""The forkserver preload of `baocao extract`: one child, so nothing is loaded for later.

A batch's preload (:mod:`flows.sandbox_preload`: every reader's library and a warm-up
extraction, shared by N children) costs ~0.5 s that a single document never gets back.
Here the server only limits native threads (before any numpy/OpenCV load, see
:func:`flows.guard.limit_native_threads`) and imports what every document needs; the
child imports pdfplumber, python-docx, openpyxl or the OCR stack when its document does.
"""

from __future__ import annotations

from flows.guard import limit_native_threads

limit_native_threads()

import flows.extract  # noqa: E402,F401 - the child's entry point
import readers  # noqa: E402,F401 - format sniffing and the reader registry

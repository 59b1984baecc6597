"""One call run in a forked copy of this process, its result read back later.

``baocao extract`` works on one document with two cores: a long PDF's pages are read by
two processes (``readers.pdf.pages``) and the citations found beside the other extractors
(``flows.pipeline``).  Threads would not help (the work is Python, one GIL) and a pool
would start interpreters that import everything again; a fork shares what is loaded.

The fork is a copy of the sandbox child: same memory and CPU limits, and killed with it
(``PR_SET_PDEATHSIG``).  Only a process with a spare core forks (the setting
``BAOCAO_SPARE_CORE``, read by the callers).  The result comes back pickled through a pipe.  If the copy fails
in any way (killed, an exception, a result that does not unpickle), :meth:`Forked.result`
says so with ``None`` and the caller does the work itself, announced in the log, so the
outcome never depends on the fork.  Only call this from a process without threads.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import pickle
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

class Forked:
    """``fn(*args)`` running in a forked copy; :meth:`result` waits for it."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self.pid: int | None = None
        self._read_fd: int | None = None
        try:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
        except OSError as exc:  # out of processes or memory: the caller does the work
            log.warning("cannot fork for %s (%s)", getattr(fn, "__name__", fn), exc)
            return
        if pid == 0:
            _run_child(read_fd, write_fd, fn, args)  # never returns
        os.close(write_fd)
        self.pid, self._read_fd = pid, read_fd

    def result(self) -> Any | None:
        """The call's result, or None when the copy failed (see the module docstring)."""
        if self.pid is None or self._read_fd is None:
            return None
        with os.fdopen(self._read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = self._read_fd = None
        if status != 0 or not data:
            return None
        try:
            return pickle.loads(data)  # noqa: S301 - written by our own fork
        except Exception:  # noqa: BLE001 - a truncated pipe: the caller does the work
            return None


def _run_child(read_fd: int, write_fd: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    status = 1
    try:
        os.close(read_fd)
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL: die with the parent
        data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)

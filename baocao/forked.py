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
    """``fn(*args)`` running in a forked copy; :meth:`result` waits for it.

    ``later=True``: ``fn`` gets one more argument, a callable that returns what this process
    passes to :meth:`send` (it waits for it), so the copy can start before all its inputs
    are known.  :meth:`result` sends None if nothing was sent.  The value should be small:
    one larger than the pipe's buffer (64 KiB) holds :meth:`send` until the copy reads it.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, later: bool = False) -> None:
        self.pid: int | None = None
        self._read_fd: int | None = None
        self._later_fd: int | None = None
        try:
            read_fd, write_fd = os.pipe()
            later_read, later_write = os.pipe() if later else (-1, -1)
            pid = os.fork()
        except OSError as exc:  # out of processes or memory: the caller does the work
            log.warning("cannot fork for %s (%s)", getattr(fn, "__name__", fn), exc)
            return
        if pid == 0:
            if later:
                os.close(later_write)
                args = (*args, _Later(later_read))
            _run_child(read_fd, write_fd, fn, args)  # never returns
        os.close(write_fd)
        if later:
            os.close(later_read)
            self._later_fd = later_write
        self.pid, self._read_fd = pid, read_fd

    def send(self, value: Any) -> None:
        """The value the copy's ``later()`` returns (once; see the class docstring)."""
        if self._later_fd is None:
            return
        fd, self._later_fd = self._later_fd, None
        with contextlib.suppress(OSError), os.fdopen(fd, "wb") as pipe:  # a dead copy: result() says so
            pipe.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def result(self) -> Any | None:
        """The call's result, or None when the copy failed (see the module docstring)."""
        if self.pid is None or self._read_fd is None:
            return None
        self.send(None)  # a copy still waiting for its later value gets None
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


class _Later:
    """In the copy: the value its parent sends, read once when first asked for."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd
        self._value: Any = None

    def __call__(self) -> Any:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with os.fdopen(fd, "rb") as pipe:
                data = pipe.read()
            self._value = pickle.loads(data) if data else None  # noqa: S301 - from our own parent
        return self._value

"""Stopping a capped child process: shared by the batch sandbox and the review cropper.

Both keep one long-lived ``multiprocessing`` child behind a pipe; ``None`` on the pipe
asks it to exit.  Standard library only (floor 0), so ``review`` and ``flows`` can share
it without importing each other.
"""

from __future__ import annotations

import contextlib
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess


def stop_child(process: BaseProcess, conn: Connection | None, kill: bool = False) -> None:
    """Ask the child to exit (unless ``kill``), kill it if it lingers, close the pipe."""
    if not kill and conn is not None:
        with contextlib.suppress(OSError):
            conn.send(None)
        process.join(timeout=5)
    if process.is_alive():
        process.kill()
        process.join(timeout=5)
    if conn is not None:
        conn.close()


class OwnsChild:
    """Holds one long-lived child and its pipe (``_process``, ``_conn``); :meth:`close` stops it."""

    _process: BaseProcess | None = None
    _conn: Connection | None = None

    def close(self, kill: bool = False) -> None:
        """Stop the child (politely unless ``kill``); the next request starts a new one."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is not None:
            stop_child(process, conn, kill)

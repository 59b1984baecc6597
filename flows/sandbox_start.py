"""How sandbox children are started: the forkserver and its one preload module.

Kept apart from :mod:`flows.guard` so a command can start the server first thing, before
it imports anything else (``baocao extract`` does, so the server's start overlaps the
command's own imports).
"""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

from baocao import settings

FULL_PRELOAD = "flows.sandbox_preload"  # a batch: every reader and a warm-up, shared by N children
LEAN_PRELOAD = "flows.sandbox_lean"  # one child: what every document needs
# No server: fork the calling process itself, which must hold no threads and little else.
# `baocao extract` forks its child first thing (~0.1 s after start instead of ~0.2 s for a
# server's interpreter), and the child imports what it needs while the command imports its own.
FORK_NOW = "fork"


def _context(light: bool = False, preload: str = FULL_PRELOAD) -> Any:
    """forkserver with the pipeline preloaded (default), or spawn when asked.

    ``light``: a fresh interpreter without the pipeline (the container opener needs only
    the stdlib parsers, ~30 MB instead of the ~150 MB a forked pipeline child maps).
    ``preload``: the forkserver's one preload module, fixed when the server starts (the
    first child of the process).
    """
    if light or settings.load().sandbox_start.strip().lower() == "spawn":
        return mp.get_context("spawn")
    if preload == FORK_NOW:
        return mp.get_context("fork")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([preload])
    return ctx


def prestart(preload: str = FULL_PRELOAD) -> None:
    """Start the forkserver now, so it preloads while the caller imports the rest.

    The batch's preload (readers, extractors, gazetteer, a warm-up extraction) is about
    0.5 s of one core; started before the parent imports SQLAlchemy and opens the store,
    the two overlap instead of following each other.  A no-op with ``spawn``.
    """
    ctx = _context(preload=preload)
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()

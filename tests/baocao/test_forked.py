"""baocao.forked: a call in a forked copy gives its result, or None when the copy fails."""

from __future__ import annotations

import os
import signal

import pytest

from baocao.forked import Forked


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _raise() -> None:
    raise ValueError("boom")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _unpicklable():
    return lambda: None


def test_the_call_runs_in_another_process_and_its_result_comes_back() -> None:
    pid, value = Forked(_pid_and, 21).result()
    assert value == 42 and pid != os.getpid()


@pytest.mark.parametrize("failing", [_raise, _die, _unpicklable])
def test_a_failing_copy_gives_none(failing) -> None:
    assert Forked(failing).result() is None


def test_result_is_read_once() -> None:
    forked = Forked(_pid_and, 1)
    assert forked.result() is not None
    assert forked.result() is None  # the pipe is closed and the copy reaped

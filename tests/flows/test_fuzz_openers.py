"""Fuzz targets for the mail and zip openers: any mutation of a real message, mailbox or
archive gives parts (each with a locator) or a clean Rejected with a reason, never
another exception; ``FUZZ_EXAMPLES`` sets the budget (short by default)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from flows.guard import Limits, Rejected
from flows.ingest import Item, expand
from tests.readers.test_fuzz_readers import mutated

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {
    "eml": ROOT / "samples/mailbox/le/bao-cao-thanh-hoa.eml",
    "zip": ROOT / "samples/mailbox/tai-ve/bao-cao-binh-dinh.zip",
    "mbox": ROOT / "samples/mailbox/hop-thu-den-2025-11.mbox",
}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_mutated_containers_give_parts_or_a_reason(fmt: str) -> None:
    data = SAMPLES[fmt].read_bytes()
    limits = Limits()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(mutated(data))
    def check(blob: bytes) -> None:
        item = Item(locator=f"x.{fmt}", path=f"x.{fmt}", kind="file", name=f"x.{fmt}", depth=0, data=blob)
        try:
            children, _ = expand(item, fmt, limits)
        except Rejected as exc:
            assert exc.reason
            return
        for child in children:
            assert child.locator.startswith(f"x.{fmt}") and child.path

    check()

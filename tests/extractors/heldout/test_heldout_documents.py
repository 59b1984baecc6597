"""Every held-out variant (see ``variants.py``) must come out exactly as its hand-written gold."""

from __future__ import annotations

import pytest

from extractors.appendix import extract_indicators
from tests.extractors.heldout.variants import VARIANTS, Variant, score


@pytest.mark.parametrize("item", VARIANTS, ids=[v.name for v in VARIANTS])
def test_variant_matches_gold(item: Variant):
    values = extract_indicators(item.build())
    right, total, problems = score(values, item)
    assert total > 0
    assert problems == [], f"{item.name}: {right}/{total}"


def test_extra_lines_never_take_a_template_code():
    extra = next(v for v in VARIANTS if v.name == "extra_lines")
    coded = [v for v in extract_indicators(extra.build()) if v.code]
    assert sorted(v.code for v in coded) == ["1a", "1c", "2a", "3a"]


def test_school_list_after_the_appendix_adds_nothing():
    item = next(v for v in VARIANTS if v.name == "school_list_after_appendix")
    values = extract_indicators(item.build())
    assert all(v.location.table == 0 for v in values)

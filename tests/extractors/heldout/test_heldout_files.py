"""Held-out DOCX/XLSX/PDF files (made by ``build.py``) read end to end through the readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.appendix import extract_indicators
from readers import read_document
from tests.extractors.heldout.build import FILE_GOLD

HERE = Path(__file__).parent


def file_problems(name: str) -> tuple[int, int, list[str]]:
    values = extract_indicators(read_document(HERE / name))
    coded: dict = {}
    for value in values:
        if value.code:
            coded.setdefault(value.code, value)
    right = total = 0
    problems = []
    for code, (value, rate) in FILE_GOLD[name].items():
        got = coded.get(code)
        for field_name, want, have in (("value", value, got and got.value), ("rate", rate, got and got.rate)):
            total += 1
            ok = want == have if want is None or have is None else abs(float(want) - float(have)) < 1e-6
            right += ok
            if not ok:
                problems.append(f"{code}.{field_name}: want {want!r} got {have!r} ({got.raw if got else '-'})")
    for code in sorted(set(coded) - set(FILE_GOLD[name])):
        got = coded[code]
        if got.value is not None or got.rate is not None:
            total += 1
            problems.append(f"{code}: not in the file, got {got.value!r}/{got.rate!r} ({got.raw})")
    return right, total, problems


@pytest.mark.parametrize("name", sorted(FILE_GOLD))
def test_file_matches_gold(name: str):
    right, total, problems = file_problems(name)
    assert total >= 6  # every file has at least three lines with a count and a rate
    assert problems == [], f"{name}: {right}/{total}"


if __name__ == "__main__":
    for name in sorted(FILE_GOLD):
        right, total, problems = file_problems(name)
        print(f"{name:30s} {right}/{total}")
        for problem in problems:
            print("    " + problem)

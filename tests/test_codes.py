"""One table of note codes and flag codes (baocao/codes.py), rendered everywhere from there."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from baocao import codes
from baocao.codes import FlagCode, NoteCode, note_key
from checks.notes import KNOWN_NOTES, classify_note
from checks.registry import RULES, make_flag
from review.reference import rule_explanation, rule_title

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("baocao", "normalizers", "gazetteer", "readers", "extractors", "checks", "store", "review", "flows", "outputs")


def test_readme_tables_are_rendered_from_the_codes_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- codes:begin -->\n", 1)[1].split("<!-- codes:end -->", 1)[0]
    assert block == codes.markdown_table()


def test_every_flag_code_has_vietnamese_wording_and_a_known_severity() -> None:
    for code in FlagCode:
        assert code.severity in codes.SEVERITY_VI, code
        assert code.title and len(code.explanation) > 40, code
        assert RULES[code].explanation == code.explanation  # the registry is a view of the table
        assert rule_explanation(code) == code.explanation and rule_title(code) == code.title


def test_every_note_code_names_an_existing_flag_or_none() -> None:
    for note in NoteCode:
        assert note.meaning, note
        assert note.flag is None or note.flag in FlagCode
        assert KNOWN_NOTES[note] == (None if note.flag is None else classify_note(note))


@pytest.mark.parametrize(
    ("written", "key"),
    [("rate_decimal_dot", "decimal_dot"), ("duplicate_code:1a", "duplicate_code"),
     ("value_after_rate_marker", "value_after_rate_marker"), ("value_of_total:163", "value_of_total"),
     ("value_before_list", "before_list"), ("empty", "empty")],
)  # fmt: skip
def test_written_notes_reduce_to_a_code_of_the_table(written: str, key: str) -> None:
    assert note_key(written) == key
    assert NoteCode(key) == key


def test_codes_are_the_same_strings_in_json_and_flags() -> None:
    flag = make_flag(FlagCode.RATE_OUT_OF_RANGE, "x")
    assert type(flag.code) is str and flag.code == "rate_out_of_range"
    assert json.dumps([NoteCode.DECIMAL_DOT, f"rate_{NoteCode.DECIMAL_DOT}"]) == '["decimal_dot", "rate_decimal_dot"]'


def _string_literals_passed_to(names: set[str]) -> list[tuple[str, str]]:
    """(file, literal) for every plain string given to ``make_flag``/``_flag(...)`` or ``notes.append(...)``."""
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                target = getattr(func, "value", None)
                wanted = name in names and (name != "append" or getattr(target, "id", "") == "notes")
                if wanted and isinstance(node.args[0].value, str):
                    found.append((str(path.relative_to(ROOT)), node.args[0].value))
    return found


def test_every_flag_raised_in_the_package_is_in_the_table() -> None:
    raised = _string_literals_passed_to({"make_flag", "_flag"})
    assert raised, "the scan finds the checks' make_flag calls"
    assert [(path, code) for path, code in raised if code not in set(FlagCode)] == []


def test_every_note_attached_in_the_package_is_in_the_table() -> None:
    attached = _string_literals_passed_to({"append"})
    assert attached, "the scan finds the extractors' notes.append calls"
    assert [(path, note) for path, note in attached if note_key(note) not in set(NoteCode)] == []

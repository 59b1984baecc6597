"""Heavy libraries load only in the commands that use them (issues 11 and 13: start-up).

The store's libraries (SQLAlchemy, pandas), Prefect and the other readers' libraries must
not load for a command or a document that does not use them: ``baocao extract`` of a small
file has a 0.3 s budget.  Each module is imported in a fresh interpreter and
``sys.modules`` is read back.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("spacy", "sqlalchemy", "prefect", "pandas", "openpyxl", "docx", "pdfplumber")

# module imported -> heavy packages that must stay out of sys.modules
CASES = [
    ("baocao.cli", HEAVY),
    ("checks", HEAVY),
    ("extractors.citations", HEAVY),
    ("extractors.province", HEAVY),
    ("normalizers.nlp", HEAVY),
    ("flows.extract", HEAVY),
    ("store.export", ("spacy", "prefect", "pandas")),
    ("outputs.letters", ("spacy", "prefect")),
    ("outputs.workbook", ("spacy", "prefect")),
    ("review.app", ("spacy", "prefect")),
    ("flows.commands", ("spacy", "prefect", "sqlalchemy", "pandas")),
]


def _loaded_after(code: str, heavy: tuple[str, ...]) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize(("module", "heavy"), CASES)
def test_importing_module_leaves_heavy_packages_unloaded(module: str, heavy: tuple[str, ...]) -> None:
    assert _loaded_after(f"import {module}", heavy) == [], f"import {module}"


def test_extracting_a_text_report_loads_no_other_reader_nor_the_store(tmp_path) -> None:
    report = tmp_path / "bc.txt"
    report.write_text("Căn cứ Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ,\n"
                      "Sở GDĐT tỉnh Quảng Ninh báo cáo như sau.\n", encoding="utf-8")
    code = (
        "from flows.pipeline import extract_path_parts\n"
        f"(found,) = extract_path_parts({str(report)!r})\n"
        "assert found.province == 'Quảng Ninh', found.province\n"
        "assert [c.id for c in found.citations] == ['131/QĐ-TTg'], found.citations\n"
    )
    assert _loaded_after(code, HEAVY) == []

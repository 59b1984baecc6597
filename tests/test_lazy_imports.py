"""Heavy libraries load only in the commands that use them (issue 13: start-up).

spaCy (~0.8 s) is needed by the citation and province finders only; the commands that
read the store (status, export, letters, review) must not pay for it.  Each module is
imported in a fresh interpreter and ``sys.modules`` is read back.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

# module imported -> heavy packages that must stay out of sys.modules
CASES = [
    ("baocao.cli", ("spacy", "sqlalchemy", "prefect", "pandas")),
    ("checks", ("spacy",)),
    ("extractors.citations", ("spacy",)),
    ("extractors.province", ("spacy",)),
    ("normalizers.nlp", ("spacy",)),
    ("store.export", ("spacy",)),
    ("outputs.letters", ("spacy",)),
    ("outputs.workbook", ("spacy",)),
    ("review.app", ("spacy",)),
    ("flows.commands", ("spacy", "prefect")),
]


@pytest.mark.parametrize(("module", "heavy"), CASES)
def test_importing_module_leaves_heavy_packages_unloaded(module: str, heavy: tuple[str, ...]) -> None:
    code = f"import sys, {module}; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"import {module} loaded {done.stdout.strip()}"


def test_citation_search_still_loads_spacy_when_used() -> None:
    code = (
        "import sys\n"
        "from extractors.citations import extract_citations_text\n"
        "found = extract_citations_text('Căn cứ Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng')\n"
        "print(found[0].id if found else '-', 'spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["131/QĐ-TTg", "True"]

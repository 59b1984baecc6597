"""`baocao report` and `baocao letters` as a user runs them, documents read back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from gazetteer.indicators import template_codes
from gazetteer.provinces import units
from outputs.neutral import slugify, vn_number, vn_rate
from outputs.snapshot import build_snapshot
from store.db import open_engine, session_scope
from tests.outputs.helpers import copy_store, correct_one_value

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def baocao(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "baocao", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def all_text(document) -> str:  # noqa: ANN001
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def report(sample_store: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    out = tmp_path_factory.mktemp("report") / "bao-cao-tong-hop.docx"
    done = baocao("report", "--store", str(sample_store), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    return Document(str(out))


def test_report_names_all_34_and_who_reported(report) -> None:  # noqa: ANN001
    text = all_text(report)
    for name in units():
        assert name in text, name
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Hà Nội, ngày" in text and "Số: ……/BC-BGDĐT" in text
    status = {row.cells[1].text: row.cells[2].text for row in report.tables[1].rows[1:]}
    assert status["Hải Phòng"] == "Đã nộp" and list(status) == list(units())
    assert report.styles["Normal"].font.name == "Times New Roman"


def test_report_has_charts_and_national_figures(report, sample_store: Path) -> None:  # noqa: ANN001
    assert len(report.inline_shapes) >= 4  # 1a, 2a, 8a and the completeness grid
    with session_scope(open_engine(sample_store)) as session:
        national = build_snapshot(session).national["1a"]
    rows = {row.cells[0].text: row for row in report.tables[2].rows[1:]}
    assert list(rows) == template_codes()
    assert rows["1a"].cells[2].text == vn_number(national.count) and "." in rows["1a"].cells[2].text
    assert rows["1a"].cells[3].text == vn_rate(national.rate) and "," in rows["1a"].cells[3].text
    assert "rate_out_of_range" not in all_text(report)  # people read messages, not rule codes
    assert "Tỉ lệ" in all_text(report)


def test_report_shows_a_review_correction(sample_store: Path, tmp_path: Path) -> None:
    store = copy_store(sample_store, tmp_path / "store")
    with session_scope(open_engine(store)) as session:
        before = build_snapshot(session)
    province, code = correct_one_value(store, 4242)
    old = next(p for p in before.provinces if p.name == province).cells[code].value or 0
    out = tmp_path / "r.docx"
    assert baocao("report", "--store", str(store), "--out", str(out)).returncode == 0
    rows = {row.cells[0].text: row for row in Document(str(out)).tables[2].rows[1:]}
    expected = (before.national[code].count or 0) - old + 4242
    assert rows[code].cells[2].text == vn_number(expected)


def test_report_pdf_through_libreoffice(sample_store: Path, tmp_path: Path) -> None:
    done = baocao("report", "--store", str(sample_store), "--out", str(tmp_path / "r.docx"), "--pdf")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"


def test_one_letter_per_province(sample_store: Path, tmp_path: Path) -> None:
    done = baocao("letters", "--store", str(sample_store), "--out", str(tmp_path / "letters"))
    assert done.returncode == 0, done.stderr
    files = sorted((tmp_path / "letters").glob("*.docx"))
    assert len(files) == 34 and set(done.stdout.split()) == {str(p) for p in files}
    with session_scope(open_engine(sample_store)) as session:
        snapshot = build_snapshot(session)
    for index, province in enumerate(snapshot.provinces, start=1):
        [path] = [p for p in files if p.name.startswith(f"{index:02d}-{slugify(province.name)}-")]
        assert path.name.isascii()
        text = all_text(Document(str(path)))
        assert f"Kính gửi: Sở Giáo dục và Đào tạo {province.name}" in text
        problems = [f for f in province.open_flags if f.severity in ("error", "warning")]
        if not province.reported:
            assert path.name.endswith("nhac-nop.docx") and "chưa nhận được báo cáo" in text
        elif problems:
            assert path.name.endswith("de-nghi-ra-soat.docx")
            table = Document(str(path)).tables[1]
            assert len(table.rows) == 1 + len(problems)
            assert any(code in text for f in problems for code in f.indicators) or not any(
                f.indicators for f in problems)
        else:
            assert path.name.endswith("xac-nhan.docx") and "Trân trọng cảm ơn" in text


def test_letter_points_at_the_figure(sample_store: Path, tmp_path: Path) -> None:
    """The generated province with 112,5% for line 1a gets it back with where it is."""
    baocao("letters", "--store", str(sample_store), "--out", str(tmp_path))
    texts = [all_text(Document(str(p))) for p in tmp_path.glob("*-de-nghi-ra-soat.docx")]
    hit = [t for t in texts if "112,5%" in t]
    assert hit and "1a. GV có máy tính" in hit[0] and "dòng" in hit[0]


def test_commands_without_a_store_say_so(tmp_path: Path) -> None:
    for command in (["report", "--out", str(tmp_path / "r.docx")], ["letters", "--out", str(tmp_path)]):
        done = baocao(*command, "--store", str(tmp_path / "none"))
        assert done.returncode == 2 and "chưa có kho dữ liệu" in done.stderr

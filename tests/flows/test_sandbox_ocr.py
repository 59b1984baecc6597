"""Scans and pictures of tables are read by OCR inside the capped sandbox child, as a user
runs them: `baocao run` and `baocao extract` with the default limits.

The in-process golden tests cannot see this: the child's memory cap is on address space,
and OpenCV, numpy's and OpenCV's OpenBLAS threads and per-thread malloc arenas reserve far
more than they use; once, every scan failed in the batch with "Insufficient memory" while
the golden figures stayed green.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "samples" / "reports"
GOLD = REPO / "samples" / "gold"
OCR_KINDS = {"scan", "picture"}
MIN_RIGHT = 0.9  # the golden floor for OCR'd kinds is 95% over all of them; one file may slip


def ocr_samples() -> list[str]:
    names = []
    for gold in sorted(GOLD.glob("*.json")):
        if json.loads(gold.read_text(encoding="utf-8")).get("kind") in OCR_KINDS:
            names += [p.name for p in REPORTS.glob(f"{gold.stem}.*")]
    return names


def baocao(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAOCAO_")}  # the defaults
    return subprocess.run([sys.executable, "-m", "baocao", *argv], capture_output=True, text=True,
                          timeout=600, env=env)  # fmt: skip


def right_share(indicators: list[dict], gold: dict) -> float:
    got = {i["code"]: i for i in indicators if i.get("code")}
    right = 0
    for code, want in gold["indicators"].items():
        have = got.get(code, {})
        rate_ok = (have.get("rate") is None) == (want["rate"] is None) and (
            want["rate"] is None or abs(have["rate"] - want["rate"]) < 1e-6)  # fmt: skip
        right += have.get("value") == want["value"] and rate_ok
    return right / len(gold["indicators"])


def test_there_are_ocr_samples() -> None:
    assert len(ocr_samples()) >= 3


@pytest.mark.slow
@pytest.mark.parametrize("name", ocr_samples())
def test_extract_reads_a_scan_in_the_capped_child(name: str) -> None:
    done = baocao("extract", str(REPORTS / name))
    assert done.returncode == 0, done.stderr[-2000:]
    line = json.loads(done.stdout.splitlines()[0])
    assert "error" not in line, line.get("error")
    gold = json.loads((GOLD / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    assert line["province"] == gold["province"]
    assert right_share(line["indicators"], gold) >= MIN_RIGHT


@pytest.mark.slow
def test_run_processes_scans_and_pictures(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ocr_samples():
        shutil.copy(REPORTS / name, inbox / name)
    done = baocao("run", str(inbox), "--store", str(tmp_path / "store"), "--no-prefect", "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.splitlines()[-1])
    assert summary["processed"] == len(ocr_samples()), (summary, done.stderr[-2000:])
    assert summary["failed"] == 0


@pytest.mark.slow
def test_a_600_dpi_page_pasted_into_word_is_read(tmp_path: Path) -> None:
    """A phone photo or a 600 dpi scan pasted whole (35 MP) is scaled down before OCR
    instead of running the child out of its 1 GiB."""
    import docx
    import pypdfium2
    from docx.shared import Cm

    scan = next(REPORTS / n for n in ocr_samples() if n.endswith(".pdf") and "cantho" in n)
    word = docx.Document()
    word.add_paragraph("BÁO CÁO kết quả thực hiện Quyết định số 131/QĐ-TTg")
    pdf = pypdfium2.PdfDocument(str(scan))
    try:
        for number in range(len(pdf)):
            image = tmp_path / f"page{number}.png"
            pdf[number].render(scale=600 / 72, grayscale=True).to_pil().save(image)
            word.add_picture(str(image), width=Cm(17))
    finally:
        pdf.close()
    word.save(tmp_path / "pasted.docx")
    done = baocao("extract", str(tmp_path / "pasted.docx"))
    assert done.returncode == 0, done.stderr[-2000:]
    line = json.loads(done.stdout.splitlines()[0])
    assert "error" not in line, line.get("error")
    gold = json.loads((GOLD / f"{scan.stem}.json").read_text(encoding="utf-8"))
    assert right_share(line["indicators"], gold) >= MIN_RIGHT

"""``bench/benchmark.py --extra whole-pdf``: ``baocao extract`` of a ~100-page PDF as a user runs it.

Issue 11's figure: the whole process (interpreter, imports, the sandbox child, reading,
extraction, JSON out) against the floor, a whole process that only takes pypdfium2's
text of every page, and the baseline, a whole process that reads every page with
pdfplumber (text and tables).  Targets: <= 4x the floor, <= 0.5x the baseline.  Each
command runs ``--repeat`` times; the median and the best are printed side by side.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FLOOR = """
import sys, pypdfium2
document = pypdfium2.PdfDocument(sys.argv[1])
for page in document:
    page.get_textpage().get_text_range()
"""
BASELINE = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.extract_tables()
"""


def _seconds(command: list[str], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, capture_output=True, check=False)
        out.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):  # 1: an error line for a part; still a full run
            raise RuntimeError(f"{command[:4]} failed: {done.stderr[-300:]!r}")
    return out


def measure_whole_pdf(workdir: Path, args: argparse.Namespace) -> list:
    from benchmark import build_corpus

    corpus = build_corpus(workdir / "whole-pdf", 1, 100, ["pdf"])
    (pdf,) = corpus.files["pdf"]
    repeat = max(3, args.repeat)
    runs = {
        "floor: pypdfium2 text of every page": _seconds([sys.executable, "-c", FLOOR, str(pdf)], repeat),
        "baocao extract (whole process)": _seconds([sys.executable, "-m", "baocao", "extract", str(pdf)], repeat),
        "baseline: pdfplumber text+tables": _seconds([sys.executable, "-c", BASELINE, str(pdf)], 1),
    }
    floor = statistics.median(runs["floor: pypdfium2 text of every page"])
    baseline = statistics.median(runs["baseline: pdfplumber text+tables"])
    print(f"\nextract of a {corpus.pages[pdf]}-page PDF, whole process ({repeat} runs; baseline once):")
    print(f"  {'command':40} {'median s':>8} {'best s':>7} {'x floor':>8} {'x baseline':>10}")
    for label, seconds in runs.items():
        median = statistics.median(seconds)
        print(f"  {label:40} {median:8.2f} {min(seconds):7.2f} {median / floor:8.1f} {median / baseline:10.2f}")
    print("  targets: baocao extract <= 4.0 x floor and <= 0.50 x baseline")
    return []

"""Score ``flows.pipeline.extract_path`` on the held-out PDFs against ``gold.json``.

``python tests/readers/heldout_pdf/measure.py [-v]``: per file, the codes right out of the
gold's 25 (value exact, rate within 1e-6, null must stay null), the seconds it took and
pages; ``-v`` lists every miss.  A file absent from the gold (the scan) must be refused.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from flows.pipeline import extract_path
from readers import ReaderError

HERE = Path(__file__).parent
GOLD = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))


def misses(name: str) -> tuple[list[str], float]:
    """Codes whose value or rate differs from the gold (with what was read), and seconds."""
    start = time.perf_counter()
    extraction = extract_path(HERE / name)
    seconds = time.perf_counter() - start
    found = {}
    for indicator in extraction.to_dict()["indicators"]:
        if indicator["code"]:
            found.setdefault(indicator["code"], indicator)
    wrong = []
    for code, want in GOLD[name]["indicators"].items():
        got = found.get(code, {"value": None, "rate": None})
        rate_ok = (got["rate"] is None) == (want["rate"] is None) and (
            want["rate"] is None or abs(got["rate"] - want["rate"]) < 1e-6)
        if got["value"] != want["value"] or not rate_ok:
            wrong.append(f"{code}: want {want['value']}/{want['rate']} got {got['value']}/{got['rate']}"
                         f" raw={got.get('raw')!r}")
    if extraction.to_dict()["province"] != GOLD[name]["province"]:
        wrong.append(f"province: {extraction.to_dict()['province']}")
    return wrong, seconds


def main() -> None:
    verbose = "-v" in sys.argv
    extract_path(HERE / "lo_hrules.pdf")  # warm up: imports and gazetteer loads are not per-file cost
    total = right = 0
    for pdf in sorted(HERE.glob("*.pdf")):
        if pdf.name not in GOLD:
            try:
                extract_path(pdf)
                print(f"{pdf.name}: NOT refused")
            except ReaderError as error:
                print(f"{pdf.name}: refused ({error})")
            continue
        wrong, seconds = misses(pdf.name)
        codes = len(GOLD[pdf.name]["indicators"])
        total += codes
        right += codes - len([w for w in wrong if not w.startswith("province")])
        print(f"{pdf.name}: {codes - len(wrong)}/{codes} {seconds:.3f}s")
        if verbose:
            for line in wrong:
                print("   ", line)
    print(f"TOTAL {right}/{total}")


if __name__ == "__main__":
    main()

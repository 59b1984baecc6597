"""Score ``extract_path`` against the gold files: a per-sample, per-code scoreboard.

    python bench/golden.py              # every sample in samples/reports with a gold file
    python bench/golden.py -v           # also list every mismatch
    python bench/golden.py FILE...      # only these

``compare`` is the one definition of "matches the gold" and is also what
``tests/test_golden.py`` asserts: value exact (a whole count), rate within 1e-6, a code the
extraction does not report counts as null, province equal, and at least as many
``code: null`` lines as the gold's ``extra_lines``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "samples" / "reports"
GOLD = REPO / "samples" / "gold"
RATE_TOLERANCE = 1e-6


def gold_for(report: Path) -> Path | None:
    path = GOLD / f"{report.stem}.json"
    return path if path.is_file() else None


def same_number(got: float | None, expected: float | None, tolerance: float) -> bool:
    if expected is None or got is None:
        return got is None and expected is None
    return math.isclose(float(got), float(expected), rel_tol=0, abs_tol=tolerance)


def compare(extraction, gold: dict) -> list[str]:
    """Every difference between an extraction and its gold, one readable line each."""
    found = {}
    for indicator in extraction.indicators:
        if indicator.code and indicator.code not in found:
            found[indicator.code] = indicator
    problems = []
    for code, expected in gold["indicators"].items():
        got = found.get(code)
        value, rate = (got.value, got.rate) if got else (None, None)
        raw = f" (raw {got.raw!r})" if got else " (not found)"
        if value is not None and value != int(value):
            problems.append(f"{code}: value {value!r} is not a whole count{raw}")
        elif not same_number(value, expected["value"], 0):
            problems.append(f"{code}: value {value!r} != {expected['value']!r}{raw}")
        if not same_number(rate, expected["rate"], RATE_TOLERANCE):
            problems.append(f"{code}: rate {rate!r} != {expected['rate']!r}{raw}")
    if extraction.province != gold["province"]:
        problems.append(f"province {extraction.province!r} != {gold['province']!r}")
    extra = [i.label for i in extraction.indicators if i.code is None]
    if len(extra) < len(gold["extra_lines"]):
        problems.append(f"extra lines: got {extra}, expected {gold['extra_lines']}")
    return problems


def score(report: Path) -> tuple[int, int, list[str]]:
    """(codes fully right, codes in gold, problems) for one report."""
    from baocao.pipeline import extract_path

    gold = json.loads(gold_for(report).read_text(encoding="utf-8"))
    if "parts" in gold:
        return score_parts(report, gold["parts"])
    try:
        problems = compare(extract_path(report), gold)
    except Exception as exc:  # noqa: BLE001 - a crash is a score of zero, not the end of the run
        return 0, len(gold["indicators"]), [f"crashed: {type(exc).__name__}: {exc}"]
    wrong = {p.split(":")[0] for p in problems if p[:2] in gold["indicators"]}
    return len(gold["indicators"]) - len(wrong), len(gold["indicators"]), problems


def score_parts(report: Path, parts: list[dict]) -> tuple[int, int, list[str]]:
    """A file of several reports (kind "merged"): part i is scored against the i-th gold part."""
    from baocao.pipeline import extract_path_parts

    total = sum(len(part["indicators"]) for part in parts)
    try:
        extractions = extract_path_parts(report)
    except Exception as exc:  # noqa: BLE001 - a crash is a score of zero, not the end of the run
        return 0, total, [f"crashed: {type(exc).__name__}: {exc}"]
    right, problems = 0, []
    if len(extractions) != len(parts):
        problems.append(f"parts: found {len(extractions)}, expected {len(parts)}")
    for index, (extraction, gold) in enumerate(zip(extractions, parts, strict=False), start=1):
        found = compare(extraction, gold)
        wrong = {p.split(":")[0] for p in found if p[:2] in gold["indicators"]}
        right += len(gold["indicators"]) - len(wrong)
        problems += [f"part {index}: {p}" for p in found]
    return right, total, problems


def kind_of(report: Path) -> str:
    """The sample's family for per-kind scores: the gold's "kind", else "report"."""
    return json.loads(gold_for(report).read_text(encoding="utf-8")).get("kind", "report")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    reports = args.files or sorted(p for p in REPORTS.iterdir() if p.is_file() and gold_for(p))
    total_right = total = 0
    kinds: dict[str, list[int]] = {}
    for report in reports:
        right, count, problems = score(report)
        total_right, total = total_right + right, total + count
        kind = kinds.setdefault(kind_of(report), [0, 0])
        kind[0], kind[1] = kind[0] + right, kind[1] + count
        other = [p for p in problems if p[:2] not in {c for c in _codes()}]
        print(f"{report.name:32} {right:2}/{count} codes right" + (f"; {'; '.join(other)}" if other else ""))
        if args.verbose:
            for problem in problems:
                print(f"    {problem}")
    for name, (right, count) in sorted(kinds.items()):
        print(f"{'kind ' + name:32} {right}/{count} ({100 * right / max(count, 1):.1f}%)")
    print(f"{'total':32} {total_right}/{total} ({100 * total_right / max(total, 1):.1f}%)")
    return 0 if total_right == total else 1


def _codes() -> list[str]:
    from gazetteer import load_toml

    return [entry["code"] for entry in load_toml("indicators.toml")["indicator"]]


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())

"""Score ``extract_path`` against the gold files: a per-sample, per-code scoreboard.

    python bench/golden.py              # every sample in samples/reports with a gold file
    python bench/golden.py -v           # also list every mismatch
    python bench/golden.py FILE...      # only these

``compare`` is the one definition of "matches the gold" and is also what
``tests/test_golden.py`` asserts: value exact (a whole count), rate within 1e-6, a code the
extraction does not report counts as null, province equal, and at least as many
``code: null`` lines as the gold's ``extra_lines``.

Every gold file may say which ``kind`` of input its sample is (``"office"`` when absent: a
DOCX/PDF/XLSX written by an office program; ``"scan"``: an image-only PDF; ``"picture"``: a
table pasted as an image; other helpers add theirs).  The scoreboard prints the share of
fields right per kind, and ``tests/test_golden.py`` holds every kind to ``KIND_FLOOR``.
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
DEFAULT_KIND = "office"
KIND_FLOOR = 95.0  # percent of fields right, per kind (issue 9)


def gold_for(report: Path) -> Path | None:
    path = GOLD / f"{report.stem}.json"
    return path if path.is_file() else None


def load_gold(report: Path) -> dict:
    return json.loads(gold_for(report).read_text(encoding="utf-8"))


def kind_of(gold: dict) -> str:
    return str(gold.get("kind") or DEFAULT_KIND)


def sample_reports() -> list[Path]:
    """Every report in samples/reports that has a gold file, in name order."""
    return sorted(p for p in REPORTS.iterdir() if p.is_file() and gold_for(p))


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


def fields_right(problems: list[str], gold: dict) -> int:
    """Template codes whose value and rate both match (a code is one field)."""
    wrong = {p.split(":")[0] for p in problems if p.split(":")[0] in gold["indicators"]}
    return len(gold["indicators"]) - len(wrong)


def score(report: Path, extract=None) -> tuple[int, int, list[str]]:
    """(codes fully right, codes in gold, problems) for one report."""
    if extract is None:
        from flows.pipeline import extract_path as extract

    gold = load_gold(report)
    if "parts" in gold:
        return score_parts(report, gold["parts"])
    if report.suffix.lower() in MESSAGE_SUFFIXES:
        extract = extract_message_body
    try:
        problems = compare(extract(report), gold)
    except Exception as exc:  # noqa: BLE001 - a crash is a score of zero, not the end of the run
        return 0, len(gold["indicators"]), [f"crashed: {type(exc).__name__}: {exc}"]
    return fields_right(problems, gold), len(gold["indicators"]), problems


MESSAGE_SUFFIXES = {".eml"}


def extract_message_body(path: Path):
    """A message whose body is the report (kind "email"), read as `baocao run` reads it:
    the ingest step expands the message, its body becomes a text input, the pipeline runs."""
    import tempfile

    from flows.guard import Limits
    from flows.ingest import Item, expand
    from flows.pipeline import extract_path

    item = Item(locator=path.name, path=path.name, kind="file", name=path.name, depth=0, data=path.read_bytes())
    children, _ = expand(item, "eml", Limits())
    body = next((child for child in children if child.kind == "body"), None)
    if body is None or body.data is None:
        raise ValueError("the message has no body input")
    with tempfile.TemporaryDirectory(prefix="golden-mail-") as tmp:
        text = Path(tmp) / "noi-dung-thu.txt"
        text.write_bytes(body.data)
        return extract_path(text)


def score_parts(report: Path, parts: list[dict]) -> tuple[int, int, list[str]]:
    """A file of several reports (kind "merged"): part i is scored against the i-th gold part."""
    from flows.pipeline import extract_path_parts

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
        right += fields_right(found, gold)
        problems += [f"part {index}: {p}" for p in found]
    return right, total, problems


def per_kind(scores: dict[Path, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Sum (right, total) per gold ``kind``."""
    totals: dict[str, tuple[int, int]] = {}
    for report, (right, count) in scores.items():
        kind = kind_of(load_gold(report))
        had_right, had_total = totals.get(kind, (0, 0))
        totals[kind] = (had_right + right, had_total + count)
    return dict(sorted(totals.items()))


def percent(right: int, total: int) -> float:
    return 100 * right / max(total, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    reports = args.files or sample_reports()
    codes = set(_codes())
    scores: dict[Path, tuple[int, int]] = {}
    for report in reports:
        right, count, problems = score(report)
        scores[report] = (right, count)
        other = [p for p in problems if p.split(":")[0] not in codes]
        kind = kind_of(load_gold(report))
        print(f"{report.name:32} {kind:8} {right:2}/{count} codes right" + (f"; {'; '.join(other)}" if other else ""))
        if args.verbose:
            for problem in problems:
                print(f"    {problem}")
    kinds = per_kind(scores)
    for kind, (right, count) in kinds.items():
        print(f"{'kind ' + kind:41} {right}/{count} ({percent(right, count):.1f}%)")
    total_right, total = sum(r for r, _ in scores.values()), sum(c for _, c in scores.values())
    print(f"{'total':41} {total_right}/{total} ({percent(total_right, total):.1f}%)")
    return 0 if all(percent(*rc) >= KIND_FLOOR for rc in kinds.values()) else 1


def _codes() -> list[str]:
    from gazetteer import load_toml

    return [entry["code"] for entry in load_toml("indicators.toml")["indicator"]]


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())

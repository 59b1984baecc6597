"""Citation scores on the citation samples: id precision/recall and date accuracy (issue 14).

    python scripts/build_citation_samples.py     # (re)build samples/citations/
    python bench/citations_score.py              # table per file and in total
    python bench/citations_score.py DIR ...      # any folders of <name>.<ext> + <name>.citations.json

Per file, mention by mention in reading order: an extracted id counts once per gold
mention with that id (a multiset intersection), so a duplicate or a missed repetition
both count.  Date accuracy: of the matched (id) mentions, the share whose date equals the
gold date (pairing each id's mentions in order).  Targets: precision and recall >= 0.98,
date accuracy >= 0.95.  The clean texts (``sach-*``) must also raise no citation flag.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SAMPLES = REPO / "samples" / "citations"
TARGETS = {"precision": 0.98, "recall": 0.98, "date_accuracy": 0.95}


@dataclass
class Score:
    name: str
    gold: int
    found: int
    hits: int
    dated_hits: int
    flags: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dated_hits / self.hits if self.hits else 1.0


def _pairs(rows: list[tuple[str, str | None]]) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = defaultdict(list)
    for id_, date in rows:
        out[id_].append(date)
    return out


def score_rows(name: str, found: list[tuple[str, str | None]], gold: list[tuple[str, str | None]]) -> Score:
    hits = sum((Counter(i for i, _ in found) & Counter(i for i, _ in gold)).values())
    found_dates, gold_dates = _pairs(found), _pairs(gold)
    dated = 0
    for id_, dates in gold_dates.items():
        dated += sum(1 for a, b in zip(found_dates.get(id_, []), dates, strict=False) if a == b)
    return Score(name, len(gold), len(found), hits, dated)


def gold_files(folder: Path) -> list[Path]:
    """The documents of ``folder`` that have a gold file beside them."""
    return sorted(
        p for p in folder.iterdir() if not p.name.endswith(".json") and p.with_name(p.stem + ".citations.json").exists()
    )


def score_file(path: Path) -> Score:
    from baocao.model import Extraction
    from checks.citations import check_citations
    from extractors.citations import extract_citations
    from readers import read_document

    document = read_document(path)
    citations = extract_citations(document)
    gold_rows = json.loads(path.with_name(path.stem + ".citations.json").read_text(encoding="utf-8"))
    score = score_rows(path.name, [(c.id, c.date) for c in citations], [(r["id"], r["date"]) for r in gold_rows])
    score.flags = len(check_citations(Extraction(source=document.source, province=None, citations=citations)))
    return score


def total(scores: list[Score]) -> Score:
    return Score(
        "TOTAL",
        sum(s.gold for s in scores),
        sum(s.found for s in scores),
        sum(s.hits for s in scores),
        sum(s.dated_hits for s in scores),
        sum(s.flags for s in scores),
    )


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [SAMPLES]
    scores = [score_file(p) for folder in folders for p in gold_files(folder)]
    print(f"{'file':38} {'gold':>5} {'found':>5} {'prec':>6} {'recall':>6} {'date':>6} {'flags':>5}")
    for s in [*scores, total(scores)]:
        print(
            f"{s.name:38} {s.gold:5} {s.found:5} {s.precision:6.3f} {s.recall:6.3f} {s.date_accuracy:6.3f} {s.flags:5}"
        )
    overall = total(scores)
    ok = overall.precision >= 0.98 and overall.recall >= 0.98 and overall.date_accuracy >= 0.95
    print(f"\ntargets: precision/recall >= 0.98, date accuracy >= 0.95: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

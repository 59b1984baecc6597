"""What reviewers' decisions mean for the exported numbers.

The review app takes decisions (``review.decisions.decide``); the export only reads them
here, by document sha256 and indicator code, and never needs to know about flags or the
review package (store sits below review in the floors, see ARCHITECTURE.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gazetteer.indicators import catalog
from store.review_tables import ReviewState

# When several decided flags touch the same value, the strongest statement wins.
_PRIORITY = {"corrected": 3, "rejected": 2, "accepted": 1}


@dataclass(frozen=True)
class EffectiveValue:
    status: str  # accepted | corrected | rejected
    value: float | None
    rate: float | None
    corrected_value: bool  # a correction set the value (to a number, or blanked it explicitly)
    corrected_rate: bool
    note: str | None
    decided_by: str
    fingerprint: str


def effective_values(session: Session) -> dict[tuple[str, str], EffectiveValue]:
    """Decided values by (document sha256, indicator code), for the export.

    An indicator absent from the mapping keeps its extracted value (status
    ``extracted``).  ``accepted`` keeps the value; ``rejected`` says the reading is wrong
    but keeps the figures as read (marked, never silently blanked); ``corrected``
    replaces value and/or rate, or blanks them when the reviewer said so (``blanks``).
    A state put back to ``open`` by an undo decides nothing.
    """
    out: dict[tuple[str, str], EffectiveValue] = {}
    states = session.scalars(select(ReviewState).order_by(ReviewState.decided_at))
    for state in states:
        if not state.sha256 or state.status not in _PRIORITY:
            continue
        blanks = set((state.blanks or "").split(","))
        targets = [state.indicator] if state.indicator else list(state.indicators or [])
        for code in targets:
            if not code:
                continue
            key = (state.sha256, code)
            previous = out.get(key)
            if previous and _PRIORITY[previous.status] > _PRIORITY[state.status]:
                continue
            out[key] = EffectiveValue(
                status=state.status,
                value=state.value,
                rate=state.rate,
                corrected_value=state.status == "corrected" and (state.value is not None or "value" in blanks),
                corrected_rate=state.status == "corrected" and (state.rate is not None or "rate" in blanks),
                note=state.note,
                decided_by=state.decided_by,
                fingerprint=state.fingerprint,
            )
    return out


def apply_decisions(
    session: Session, rows: list[dict[str, Any]], *, sha_key: str = "sha256",
    indicator_key: str = "indicator",
) -> list[dict[str, Any]]:
    """Export rows with ``status`` set and decided values applied (new dicts).

    Each row needs ``sha256``, ``indicator``, ``value``, ``rate``; a rejected value
    keeps its figures with status ``rejected``; a correction replaces (or blanks) what
    it names and keeps the rest.
    A correction of a line the report left out (no row yet, e.g. a "line missing"
    flag answered from the original) adds a row after the other rows of that report,
    copying its other columns (province, source, received_at) from them.
    """
    decided = effective_values(session)
    out = []
    present = {(row.get(sha_key), row.get(indicator_key)) for row in rows}
    for row in rows:
        row = dict(row)
        effective = decided.get((row.get(sha_key), row.get(indicator_key)))
        row["status"] = effective.status if effective else "extracted"
        if effective and effective.status == "corrected":
            if effective.corrected_value:
                row["value"] = _as_count(effective.value)
            if effective.corrected_rate:
                row["rate"] = effective.rate
        out.append(row)
    return _add_missing_lines(out, decided, present, sha_key, indicator_key)


def _add_missing_lines(
    rows: list[dict[str, Any]], decided: dict[tuple[str, str], EffectiveValue],
    present: set[tuple[Any, Any]], sha_key: str, indicator_key: str,
) -> list[dict[str, Any]]:
    added = [key for key, eff in decided.items() if eff.status == "corrected" and key not in present]
    for sha, code in sorted(added):
        positions = [i for i, row in enumerate(rows) if row.get(sha_key) == sha]
        if not positions:
            continue  # that report is not exported (an older submission): nothing to add
        effective = decided[(sha, code)]
        new = {**rows[positions[-1]], indicator_key: code, "status": "corrected",
               "value": _as_count(effective.value), "rate": effective.rate}
        rank = _template_rank()
        at = next((i for i in positions if rank.get(rows[i].get(indicator_key), 999)
                   > rank.get(code, 999)), positions[-1] + 1)
        rows.insert(at, new)
    return rows


def _template_rank() -> dict[str, int]:
    return {line.code: i for i, line in enumerate(catalog())}


def _as_count(value: float | None) -> float | int | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value

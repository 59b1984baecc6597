"""Reviewer decisions on flags, and what they mean for the exported numbers.

One function takes decisions for both the web app and the CLI (``decide``), so both
write the same audit log with the same optimistic version check.  The export calls
``effective_values`` (or ``apply_decisions`` on its rows) and never needs to know
about flags: a decision remembers the document sha256 and the indicator codes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from review.models import AuditEntry, ReviewState, utcnow

Action = Literal["accept", "correct", "reject"]
STATUS_BY_ACTION: dict[str, str] = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}
# When several decided flags touch the same value, the strongest statement wins.
_PRIORITY = {"corrected": 3, "rejected": 2, "accepted": 1}


class DecisionError(ValueError):
    """A decision that cannot be taken as asked; ``str()`` is Vietnamese for people."""


class VersionConflict(DecisionError):
    """Someone decided this flag since the caller looked at it."""

    def __init__(self, current: int, expected: int) -> None:
        self.current = current
        self.expected = expected
        super().__init__(
            "Cảnh báo này vừa được người khác xử lý (phiên bản hiện tại "
            f"{current}, bạn xem phiên bản {expected}). Hãy tải lại trang, xem quyết định "
            "mới rồi quyết định lại nếu cần."
        )


@dataclass(frozen=True)
class FlagKey:
    """What a decision needs to know about the flag it is taken on."""

    id: int | None
    fingerprint: str
    code: str
    sha256: str | None
    province: str | None
    indicators: tuple[str, ...]
    suspect: str | None = None  # the line the rule thinks is wrong, when it says


@dataclass(frozen=True)
class EffectiveValue:
    status: str  # accepted | corrected | rejected
    value: float | None
    rate: float | None
    corrected_value: bool  # a correction set value (even to None is impossible: see decide)
    corrected_rate: bool
    note: str | None
    decided_by: str
    fingerprint: str


def parse_number(text: str | None) -> float | None:
    """A reviewer-typed number: "51.608", "51 608", "97,1", "97.1", "1,234.5" → float.

    Vietnamese grouping (dot) and decimal comma are the norm; a lone dot followed by
    exactly three digits is read as grouping, as reviewers type "51.608".
    """
    if text is None:
        return None
    raw = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if not raw:
        return None
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        group = "." if decimal == "," else ","
        raw = raw.replace(group, "").replace(decimal, ".")
    elif "," in raw:
        parts = raw.split(",")
        raw = raw.replace(",", "") if len(parts) > 2 else raw.replace(",", ".")
    elif raw.count(".") > 1 or (raw.count(".") == 1 and len(raw.split(".")[1]) == 3):
        raw = raw.replace(".", "")
    try:
        number = float(raw)
    except ValueError:
        raise DecisionError(f"không đọc được số '{text}'") from None
    if not math.isfinite(number) or number < 0:
        raise DecisionError(f"số không hợp lệ: '{text}'")
    return number


def current_state(session: Session, fingerprint: str) -> ReviewState | None:
    return session.get(ReviewState, fingerprint)


def decide(
    session: Session,
    flag: FlagKey,
    action: str,
    actor: str,
    *,
    expected_version: int | None = None,
    value: float | None = None,
    rate: float | None = None,
    indicator: str | None = None,
    note: str | None = None,
    channel: str = "web",
) -> ReviewState:
    """Record a decision and its audit entry in the caller's transaction.

    ``expected_version`` is the version the reviewer saw (0 = undecided); when it is
    not the current one, :class:`VersionConflict` is raised and nothing is written.
    ``None`` skips the check (CLI use, where the person names the flag directly).
    """
    status = STATUS_BY_ACTION.get(action)
    if status is None:
        raise DecisionError(f"quyết định không hợp lệ: '{action}'")
    note = (note or "").strip() or None
    indicator = _target_line(flag, action, value, rate, indicator)
    state = session.get(ReviewState, flag.fingerprint, with_for_update=True)
    current_version = state.version if state is not None else 0
    if expected_version is not None and expected_version != current_version:
        raise VersionConflict(current_version, expected_version)
    before = _snapshot(state)
    after_fields = {
        "flag_id": flag.id,
        "code": flag.code,
        "sha256": flag.sha256,
        "province": flag.province,
        "indicators": list(flag.indicators),
        "status": status,
        "indicator": indicator,
        "value": value if action == "correct" else None,
        "rate": rate if action == "correct" else None,
        "note": note,
        "decided_by": actor,
        "decided_at": utcnow(),
        "version": current_version + 1,
    }
    # The caller's transaction is left for the caller to roll back on a conflict.
    if state is None:
        state = ReviewState(fingerprint=flag.fingerprint, **after_fields)
        try:
            with session.begin_nested():  # a savepoint, so a lost race leaves no debris
                session.add(state)
        except IntegrityError:  # a concurrent first decision won the insert
            raise VersionConflict(current_version + 1, current_version) from None
    else:
        result = session.execute(
            update(ReviewState)
            .where(ReviewState.fingerprint == flag.fingerprint)
            .where(ReviewState.version == current_version)
            .values(**after_fields)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # someone else's decision committed in between
            raise VersionConflict(current_version + 1, current_version)
        session.refresh(state)
    session.add(
        AuditEntry(
            at=after_fields["decided_at"],
            actor=actor,
            channel=channel,
            flag_id=flag.id,
            fingerprint=flag.fingerprint,
            code=flag.code,
            before=before,
            after=_snapshot(state),
            note=note,
        )
    )
    session.flush()
    return state


def _target_line(
    flag: FlagKey, action: str, value: float | None, rate: float | None, indicator: str | None
) -> str | None:
    """Which Appendix 2 line a decision changes; None means every line of the flag.

    Accepting keeps every line as reported.  Rejecting blanks the chosen line, or all
    of them when none is chosen.  A correction changes exactly one line: the chosen
    one, else the line the rule suspects, else the flag's first line.
    """
    if indicator is not None and indicator not in flag.indicators:
        raise DecisionError(f"chỉ tiêu '{indicator}' không thuộc cảnh báo này")
    if action == "accept":
        return None
    if action == "reject":
        return indicator
    if value is None and rate is None:
        raise DecisionError("muốn sửa thì cần nhập số lượng hoặc tỉ lệ mới")
    if rate is not None and not 0 <= rate <= 100:
        raise DecisionError(f"tỉ lệ phải trong khoảng 0–100%, không phải {rate:g}")
    if not flag.indicators:
        raise DecisionError("cảnh báo này không gắn với chỉ tiêu nào nên không thể sửa số liệu")
    if indicator is None:
        indicator = flag.suspect if flag.suspect in flag.indicators else flag.indicators[0]
    return indicator


def _snapshot(state: ReviewState | None) -> dict[str, Any]:
    if state is None:
        return {"status": "open", "version": 0}
    return {
        "status": state.status,
        "indicator": state.indicator,
        "value": state.value,
        "rate": state.rate,
        "decided_by": state.decided_by,
        "version": state.version,
    }


def states_by_fingerprint(session: Session, fingerprints: list[str]) -> dict[str, ReviewState]:
    if not fingerprints:
        return {}
    rows = session.scalars(select(ReviewState).where(ReviewState.fingerprint.in_(fingerprints)))
    return {row.fingerprint: row for row in rows}


def effective_values(session: Session) -> dict[tuple[str, str], EffectiveValue]:
    """Decided values by (document sha256, indicator code), for the export.

    An indicator absent from the mapping keeps its extracted value (status
    ``extracted``).  ``accepted`` keeps the value, ``rejected`` means the extraction is
    wrong (export the value as missing), ``corrected`` replaces value and/or rate.
    """
    out: dict[tuple[str, str], EffectiveValue] = {}
    states = session.scalars(select(ReviewState).order_by(ReviewState.decided_at))
    for state in states:
        if not state.sha256:
            continue
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
                corrected_value=state.status == "corrected" and state.value is not None,
                corrected_rate=state.status == "corrected" and state.rate is not None,
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
    becomes missing (None), a correction replaces what it names and keeps the rest.
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
        if effective and effective.status == "rejected":
            row["value"] = None
            row["rate"] = None
        elif effective and effective.status == "corrected":
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
    from review.reference import indicators

    return {info.code: i for i, info in enumerate(indicators())}


def _as_count(value: float | None) -> float | int | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value

"""Reviewer decisions on flags, and what they mean for the exported numbers.

One function takes decisions for both the web app and the CLI (``decide``), so both
write the same audit log with the same optimistic version check.  What decisions mean
for the exported numbers (``effective_values``, ``apply_decisions``) lives one floor down
in :mod:`store.decisions`, so the export never imports the review package.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.review_tables import AuditEntry, ReviewState, utcnow

Action = Literal["accept", "correct", "reject"]
STATUS_BY_ACTION: dict[str, str] = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}


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

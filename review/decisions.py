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
# "open" is also a state: the one an undo of a flag's first decision leaves behind.
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


@dataclass(frozen=True)
class Change:
    """What a decision says, apart from who takes it and on which flag.

    ``lines``: the Appendix 2 lines an accept or reject applies to (empty: every line
    of the flag).  ``indicator``: the one line a correction changes.  ``blank_value`` /
    ``blank_rate``: a correction that empties a figure, said explicitly.
    """

    action: str
    value: float | None = None
    rate: float | None = None
    indicator: str | None = None
    lines: tuple[str, ...] = ()
    blank_value: bool = False
    blank_rate: bool = False
    note: str | None = None


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
    lines: tuple[str, ...] | list[str] = (),
    blank_value: bool = False,
    blank_rate: bool = False,
    note: str | None = None,
    channel: str = "web",
) -> ReviewState:
    """Record a decision and its audit entry in the caller's transaction.

    ``expected_version`` is the version the reviewer saw (0 = undecided); when it is
    not the current one, :class:`VersionConflict` is raised and nothing is written.
    ``None`` skips the check (CLI use, where the person names the flag directly).
    Reject means "this reading is wrong": the figures stay as read (the export marks
    them); only a correction changes or blanks a figure.
    """
    change = Change(action, value, rate, indicator, tuple(lines), blank_value, blank_rate,
                    (note or "").strip() or None)
    fields = _fields(flag, change)
    return _write(session, flag, actor, channel, expected_version, fields, change.note)


def _fields(flag: FlagKey, change: Change) -> dict[str, Any]:
    status = STATUS_BY_ACTION.get(change.action)
    if status is None:
        raise DecisionError(f"quyết định không hợp lệ: '{change.action}'")
    unknown = [c for c in (change.indicator, *change.lines) if c and c not in flag.indicators]
    if unknown:
        raise DecisionError(f"chỉ tiêu '{unknown[0]}' không thuộc cảnh báo này")
    base = {"status": status, "indicator": None, "indicators": list(flag.indicators),
            "value": None, "rate": None, "blanks": None}
    if change.action != "correct":
        lines = change.lines or ((change.indicator,) if change.indicator else ())
        return {**base, "indicators": list(dict.fromkeys(lines)) or list(flag.indicators)}
    return {**base, **_correction(flag, change)}


def _correction(flag: FlagKey, change: Change) -> dict[str, Any]:
    """The one line a correction changes and its new figures (blanks said explicitly)."""
    if not flag.indicators:
        raise DecisionError("cảnh báo này không gắn với chỉ tiêu nào nên không thể sửa số liệu")
    if change.blank_value and change.value is not None:
        raise DecisionError("đã chọn để trống số lượng thì không nhập số lượng mới")
    if change.blank_rate and change.rate is not None:
        raise DecisionError("đã chọn để trống tỉ lệ thì không nhập tỉ lệ mới")
    if change.value is None and change.rate is None and not (change.blank_value or change.blank_rate):
        raise DecisionError("muốn sửa thì cần nhập số lượng hoặc tỉ lệ mới, hoặc chọn để trống")
    if change.rate is not None and not 0 <= change.rate <= 100:
        raise DecisionError(f"tỉ lệ phải trong khoảng 0–100%, không phải {change.rate:g}")
    indicator = change.indicator
    if indicator is None and len(change.lines) == 1:
        indicator = change.lines[0]
    if indicator is None:
        indicator = flag.suspect if flag.suspect in flag.indicators else flag.indicators[0]
    blanks = [name for name, on in (("value", change.blank_value), ("rate", change.blank_rate)) if on]
    return {"indicator": indicator, "indicators": [indicator], "value": change.value,
            "rate": change.rate, "blanks": ",".join(blanks) or None}


def _write(
    session: Session, flag: FlagKey, actor: str, channel: str, expected_version: int | None,
    fields: dict[str, Any], note: str | None, undo_of: int | None = None,
) -> ReviewState:
    """Set the flag's state to ``fields`` (version-checked) and append the audit entry."""
    state = session.get(ReviewState, flag.fingerprint, with_for_update=True)
    current_version = state.version if state is not None else 0
    if expected_version is not None and expected_version != current_version:
        raise VersionConflict(current_version, expected_version)
    before = _snapshot(state)
    after_fields = {
        "flag_id": flag.id, "code": flag.code, "sha256": flag.sha256, "province": flag.province,
        **fields, "note": note, "decided_by": actor, "decided_at": utcnow(),
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
    after = _snapshot(state)
    if undo_of is not None:
        after["undo_of"] = undo_of
    session.add(AuditEntry(
        at=after_fields["decided_at"], actor=actor, channel=channel, flag_id=flag.id,
        fingerprint=flag.fingerprint, code=flag.code, before=before, after=after, note=note,
    ))
    session.flush()
    return state


def _snapshot(state: ReviewState | None) -> dict[str, Any]:
    """A state as the audit log keeps it; enough to restore it on undo."""
    if state is None or state.status == "open":
        return {"status": "open", "version": state.version if state is not None else 0}
    return {
        "status": state.status,
        "indicator": state.indicator,
        "indicators": list(state.indicators or []),
        "value": state.value,
        "rate": state.rate,
        "blanks": state.blanks,
        "note": state.note,
        "decided_by": state.decided_by,
        "version": state.version,
    }


def undoable(session: Session, actor: str) -> AuditEntry | None:
    """The actor's latest decision that nobody has changed or undone since.

    Undo goes back one decision at a time: after undoing a decision, the one before it
    (on another flag) becomes undoable if it is still the flag's current state.
    """
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.actor == actor).order_by(AuditEntry.id.desc()).limit(200)
    ).all()
    undone = {e.after.get("undo_of") for e in entries if e.after.get("undo_of")}
    for entry in entries:
        if entry.after.get("undo_of") or entry.id in undone:
            continue
        state = session.get(ReviewState, entry.fingerprint)
        if state is not None and state.version == entry.after.get("version"):
            return entry
    return None


def undo(session: Session, entry: AuditEntry, flag: FlagKey, actor: str, channel: str) -> ReviewState:
    """Put the flag back as it was before ``entry``; the audit log keeps both entries."""
    before = entry.before or {"status": "open"}
    if before.get("status", "open") == "open":
        fields: dict[str, Any] = {"status": "open", "indicator": None, "indicators": list(flag.indicators),
                                  "value": None, "rate": None, "blanks": None}  # fmt: skip
    else:
        fields = {"status": before["status"], "indicator": before.get("indicator"),
                  "indicators": before.get("indicators") or list(flag.indicators),
                  "value": before.get("value"), "rate": before.get("rate"), "blanks": before.get("blanks")}
    note = f"hoàn tác quyết định #{entry.id} ({entry.after.get('status')})"
    return _write(session, flag, actor, channel, entry.after.get("version"), fields, note, undo_of=entry.id)


def accept_many(
    session: Session, flags: list[tuple[FlagKey, int]], actor: str, channel: str, note: str | None = None,
) -> tuple[int, list[int | None]]:
    """Accept each (flag, version seen); a flag decided meanwhile is skipped, not overwritten.

    Every acceptance is its own audit entry (undo takes them back one at a time).
    Returns the number accepted and the ids skipped for a conflict.
    """
    accepted, skipped = 0, []
    for key, version in flags:
        try:
            with session.begin_nested():
                decide(session, key, "accept", actor, expected_version=version, note=note,
                       channel=channel)
            accepted += 1
        except VersionConflict:
            skipped.append(key.id)
    return accepted, skipped


def states_by_fingerprint(session: Session, fingerprints: list[str]) -> dict[str, ReviewState]:
    if not fingerprints:
        return {}
    rows = session.scalars(select(ReviewState).where(ReviewState.fingerprint.in_(fingerprints)))
    return {row.fingerprint: row for row in rows}


def decided_fingerprints(session: Session, fingerprints: list[str]) -> set[str]:
    """Flags with a decision in force (an undo back to "open" leaves a state that is not)."""
    return {fp for fp, state in states_by_fingerprint(session, fingerprints).items()
            if state.status != "open"}

"""Server-side sessions of the review app (OWASP Session Management cheat sheet).

The browser's cookie (signed by Starlette) carries only a random session id and the
CSRF token; the store keeps ``sha256(id)`` with the user, creation, last activity and
revocation.  So a copied cookie dies with the session: signing out revokes it, a
password reset or disabling the account revokes every session of that user, and the
idle and absolute timeouts are decided here with the server's clock.

Functions take the clock's ``now`` so tests can move time without sleeping.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from baocao import settings
from store.review_tables import ReviewSession, User

# Writing last_seen_at on every request would make each page view a write; once a
# minute is precise enough for a timeout counted in minutes.
TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class Policy:
    """How long a session lives: idle (no request) and absolute (since sign-in)."""

    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)

    @classmethod
    def from_settings(cls) -> Policy:
        current = settings.load()
        return cls(
            idle=timedelta(minutes=current.review_idle_minutes),
            absolute=timedelta(hours=current.review_max_hours),
        )


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; every time here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def start(db: Session, user: User, now: datetime, address: str | None = None) -> str:
    """A new session for ``user``; returns the id for the cookie (never stored as is)."""
    session_id = secrets.token_urlsafe(32)
    db.add(ReviewSession(
        id=_digest(session_id), user_id=user.id, user_name=user.name, created_at=now,
        last_seen_at=now, address=(address or "")[:64] or None,
    ))
    db.flush()
    return session_id


def resolve(db: Session, session_id: str | None, now: datetime, policy: Policy) -> str | None:
    """The signed-in user's name for a cookie's session id, or None (and why is stored).

    A session past its idle or absolute limit is revoked on the spot, so it stays dead
    even if the clock were set back.
    """
    if not session_id:
        return None
    row = db.get(ReviewSession, _digest(session_id))
    if row is None or row.revoked_at is not None:
        return None
    user = db.get(User, row.user_id)
    reason = None
    if user is None or not user.active:
        reason = "disabled"
    elif now - _aware(row.created_at) > policy.absolute:
        reason = "expired"
    elif now - _aware(row.last_seen_at) > policy.idle:
        reason = "idle"
    if reason is not None:
        row.revoked_at, row.revoked_why = now, reason
        db.flush()
        return None
    if now - _aware(row.last_seen_at) >= TOUCH_EVERY:
        row.last_seen_at = now
        db.flush()
    return row.user_name


def end(db: Session, session_id: str | None, now: datetime, why: str = "logout") -> None:
    """Revoke one session (sign-out, or the old session replaced at sign-in)."""
    if not session_id:
        return
    row = db.get(ReviewSession, _digest(session_id))
    if row is not None and row.revoked_at is None:
        row.revoked_at, row.revoked_why = now, why
        db.flush()


def end_all(db: Session, user_id: int, why: str, now: datetime | None = None) -> int:
    """Revoke every live session of a user (password reset, account disabled)."""
    result = db.execute(
        update(ReviewSession)
        .where(ReviewSession.user_id == user_id, ReviewSession.revoked_at.is_(None))
        .values(revoked_at=now or datetime.now(UTC), revoked_why=why)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def live_count(db: Session, user_id: int) -> int:
    rows = db.scalars(select(ReviewSession.id).where(
        ReviewSession.user_id == user_id, ReviewSession.revoked_at.is_(None)))
    return len(list(rows))

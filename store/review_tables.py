"""Review tables, on the store's SQLAlchemy metadata (``store.schema.Base``).

Decisions are keyed by the flag's deterministic *fingerprint* (and remember the flag
id they were taken on), so re-running the pipeline on the same files, which may give
flags new ids, keeps every decision.  A decision also records the document sha256 and
the indicator codes it touches: the export can apply decisions without joining back
to flags that a re-run may have replaced.

``review_audit`` is append-only: triggers abort UPDATE and DELETE on it (SQLite and
PostgreSQL; created by the baseline migration, ``store/migrations/versions``), and no
code path issues either.  A change to these tables needs a migration revision.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.schema import Base


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class User(Base):
    __tablename__ = "review_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewState(Base):
    """The current decision on one flag; ``version`` counts decisions (optimistic lock)."""

    __tablename__ = "review_states"

    fingerprint: Mapped[str] = mapped_column(String(128), primary_key=True)
    flag_id: Mapped[int | None] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    province: Mapped[str | None] = mapped_column(String(64))
    indicators: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), nullable=False)  # accepted|corrected|rejected
    indicator: Mapped[str | None] = mapped_column(String(8))  # the corrected line
    value: Mapped[float | None] = mapped_column(Float)
    rate: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(64), nullable=False)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # A correction that blanks a figure says so: "value", "rate" or "value,rate".  None
    # on every other decision (added after the first release: migration 0002_review_sessions).
    blanks: Mapped[str | None] = mapped_column(String(16))


class ReviewSession(Base):
    """One signed-in browser: the cookie carries a random id, the store its sha256.

    Server-side so that signing out, a password reset or disabling the account ends the
    session for every copy of the cookie, and idle/absolute timeouts are enforced here,
    not by the browser.
    """

    __tablename__ = "review_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie's id
    user_id: Mapped[int] = mapped_column(Integer, index=True, nullable=False)
    user_name: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_why: Mapped[str | None] = mapped_column(String(32))  # logout|password|disabled|idle|expired|login
    address: Mapped[str | None] = mapped_column(String(64))


class AuditEntry(Base):
    """One decision, as taken: who, when, through which channel, before → after, note."""

    __tablename__ = "review_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    channel: Mapped[str] = mapped_column(String(8), nullable=False)  # web | cli
    flag_id: Mapped[int | None] = mapped_column(Integer, index=True)
    fingerprint: Mapped[str] = mapped_column(String(128), index=True, nullable=False)
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    before: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


def ensure_review_schema(engine) -> None:  # noqa: ANN001 - sqlalchemy Engine
    """Bring the store to the head revision (the review tables are part of the migrated schema).

    ``open_engine`` already does it; kept for the review commands that call it after.
    """
    from store.migrations import upgrade_to_head

    upgrade_to_head(engine)

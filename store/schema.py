"""The record store's tables (SQLAlchemy 2 declarative), shared by flows and review.

Design rules that the rest of the system relies on:

* ``sources`` holds one row per distinct content (sha256 unique).  The bytes live
  content-addressed under ``<store>/objects/<sha[:2]>/<sha>``; an attachment's own
  name is kept only as display text (``name``), never used as a path.
* ``inputs`` holds one row per place an input was seen (``locator``: the file's path
  relative to the inbox, plus ``#msg=N/att=M`` inside containers), with its fate.
  The same bytes at a second locator get fate ``duplicate``.  ``baocao status``
  prints these rows.
* A document's rows (``documents``, ``indicator_values``, ``citations``, ``flags``)
  are written in the same transaction that sets its source's fate, so a batch killed
  at any point and run again ends with exactly the records of an uninterrupted run.
* ``flags.id`` is a stable integer and ``flags.fingerprint`` a deterministic hash of
  (document sha256, code, indicator(s), citation, location, occurrence); re-running
  the pipeline on the same file upserts by fingerprint, so the id (and any review
  decision keyed by it) survives.  A flag that a re-run no longer raises is kept with
  ``active = False``, never deleted.
* Review tables (users, decisions, audit log) belong to ``review/`` and may be declared
  on the same :class:`Base` so one ``create_all`` makes everything.

Times are stored in UTC.  Only additive changes to this file after the first commit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Fates of an input (``inputs.fate``) and of a content (``sources.fate``).
PROCESSED = "processed"
DUPLICATE = "duplicate"
NOT_A_REPORT = "not_a_report"
UNSUPPORTED = "unsupported"
FAILED = "failed"
CONTAINER = "container"  # an .mbox/.eml/.msg/.zip that was opened; its parts are inputs too
FATES = (PROCESSED, DUPLICATE, NOT_A_REPORT, UNSUPPORTED, FAILED, CONTAINER)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base for every table of the store (review tables included)."""

    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Run(Base):
    """One `baocao run` / nightly flow run over an inbox folder."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inbox: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="running")  # running|finished|failed
    engine: Mapped[str] = mapped_column(String(16), default="plain")  # plain|prefect
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # counts by fate, provinces, flags


class Message(Base):
    """An email (from .mbox/.eml/.msg); ``message_key`` is the sha256 of its raw bytes."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_key: Mapped[str] = mapped_column(String(64), unique=True)
    message_id: Mapped[str | None] = mapped_column(Text)  # the Message-ID header
    sender: Mapped[str | None] = mapped_column(Text)  # address, lower-case
    sender_name: Mapped[str | None] = mapped_column(Text)  # decoded display name
    date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # UTC
    subject: Mapped[str | None] = mapped_column(Text)  # decoded (RFC 2047)
    locator: Mapped[str] = mapped_column(Text)  # where it was first seen
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Source(Base):
    """One distinct content (by sha256) and what became of it."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    format: Mapped[str | None] = mapped_column(String(16))  # docx|pdf|xlsx|txt|md|mbox|eml|msg|zip
    name: Mapped[str | None] = mapped_column(Text)  # decoded original file name, display only
    path: Mapped[str] = mapped_column(Text)  # locator where first seen
    stored_path: Mapped[str | None] = mapped_column(Text)  # relative to the store folder
    fate: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)  # Vietnamese, for people
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))


class Input(Base):
    """One place an input was seen: a file in the inbox or a part inside a container."""

    __tablename__ = "inputs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    locator: Mapped[str] = mapped_column(Text, unique=True)  # "a/b.mbox#msg=3/att=1"
    path: Mapped[str] = mapped_column(Text)  # display: "a/b.mbox › thư 3 › BaoCao.docx"
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # file|attachment|body|member
    name: Mapped[str | None] = mapped_column(Text)  # decoded file name, display only
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    parent_locator: Mapped[str | None] = mapped_column(Text)
    fate: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    mtime: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # file time, UTC


class Document(Base):
    """A processed report: one per source sha256."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_sha256: Mapped[str] = mapped_column(ForeignKey("sources.sha256"), unique=True)
    source_path: Mapped[str] = mapped_column(Text)  # display locator of the first sighting
    name: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    province: Mapped[str | None] = mapped_column(Text, index=True)  # one of the 34 units
    former_province: Mapped[str | None] = mapped_column(Text)  # pre-2025 name if used
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    sender: Mapped[str | None] = mapped_column(Text)
    # message date, else file mtime; the newest per province counts in exports
    received_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    report_date: Mapped[str | None] = mapped_column(String(10))  # ISO date written in the report
    own_number: Mapped[str | None] = mapped_column(Text)
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON)  # Extraction.to_dict()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    indicator_values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="IndicatorValue.position"
    )
    citations: Mapped[list[Citation]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Citation.position"
    )
    flags: Mapped[list[Flag]] = relationship(back_populates="document", order_by="Flag.id")


class IndicatorValue(Base):
    """One Appendix 2 line as extracted (``value``/``rate`` None when missing, never 0)."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order in the extraction
    # template code "1a"…; None for a line outside the template
    indicator: Mapped[str | None] = mapped_column(String(8), index=True)
    label: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    rate: Mapped[float | None] = mapped_column(Float)
    raw: Mapped[str] = mapped_column(Text)
    value_raw: Mapped[str | None] = mapped_column(Text)
    rate_raw: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[list[Any] | None] = mapped_column(JSON)
    names: Mapped[list[Any] | None] = mapped_column(JSON)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    document: Mapped[Document] = relationship(back_populates="indicator_values")


class Citation(Base):
    """One legal-document mention (``citation_id`` is the extractor's stable id)."""

    __tablename__ = "citations"
    __table_args__ = (UniqueConstraint("document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    citation_id: Mapped[str] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10))
    raw: Mapped[str] = mapped_column(Text)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    document: Mapped[Document] = relationship(back_populates="citations")


class Flag(Base):
    """A reason to doubt a value; ``id`` is stable across re-runs via ``fingerprint``."""

    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    province: Mapped[str | None] = mapped_column(Text, index=True)  # copied from the document
    code: Mapped[str] = mapped_column(String(64), index=True)
    severity: Mapped[str] = mapped_column(String(8), index=True)  # error|warning|info
    message: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(String(8), index=True)
    indicators: Mapped[list[Any] | None] = mapped_column(JSON)
    citation: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: no longer raised
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    document: Mapped[Document | None] = relationship(back_populates="flags")

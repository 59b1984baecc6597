"""Idempotent writes to the record store (all keyed by sha256, locator or fingerprint).

Every function here works inside a caller's transaction; :mod:`flows.batch` opens one
transaction per input, so a document's rows appear together with its source's fate
or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from store.schema import (
    Citation,
    Document,
    Flag,
    IndicatorValue,
    Input,
    Message,
    Source,
    utcnow,
)


@dataclass
class InputIdentity:
    """Which input: where it sits in the inbox, and its bytes' hash and size."""

    locator: str
    path: str
    kind: str
    name: str | None
    sha256: str
    size: int


@dataclass
class InputRecord(InputIdentity):
    """What the batch knows about one input when it records its fate."""

    format: str | None
    fate: str
    reason: str | None = None
    stored_path: str | None = None
    parent: str | None = None
    mtime: datetime | None = None
    message_id: int | None = None
    run_id: int | None = None


def find_input(session: Session, locator: str) -> Input | None:
    return session.scalar(select(Input).where(Input.locator == locator))


def find_source(session: Session, sha256: str) -> Source | None:
    return session.scalar(select(Source).where(Source.sha256 == sha256))


def upsert_message(session: Session, meta: Any) -> int:
    """The message row for ``meta`` (a flows.ingest.MessageMeta), created once by its key."""
    row = session.scalar(select(Message).where(Message.message_key == meta.key))
    if row is None:
        row = Message(
            message_key=meta.key,
            message_id=meta.message_id,
            sender=meta.sender,
            sender_name=meta.sender_name,
            date=meta.date,
            subject=meta.subject,
            locator=meta.locator,
        )
        session.add(row)
        session.flush()
    return row.id


def record_input(session: Session, record: InputRecord) -> Input:
    """Insert or update the input at ``record.locator`` and, unless a duplicate, its source."""
    if record.fate != "duplicate" and find_source(session, record.sha256) is None:
        session.add(
            Source(
                sha256=record.sha256,
                size=record.size,
                format=record.format,
                name=record.name,
                path=record.path,
                stored_path=record.stored_path,
                fate=record.fate,
                reason=record.reason,
                processed_at=utcnow(),
                run_id=record.run_id,
            )
        )
    row = find_input(session, record.locator)
    if row is None:
        row = Input(locator=record.locator)
        session.add(row)
    row.path, row.sha256, row.kind, row.name = record.path, record.sha256, record.kind, record.name
    row.message_id, row.parent_locator = record.message_id, record.parent
    row.fate, row.reason, row.run_id, row.mtime = record.fate, record.reason, record.run_id, record.mtime
    row.seen_at = utcnow()
    session.flush()
    return row


# ---------------------------------------------------------------------------
# Documents and their rows
# ---------------------------------------------------------------------------


def flag_fingerprint(document_sha256: str, flag: dict[str, Any], occurrence: int) -> str:
    """Deterministic identity of a flag: same file + same finding → same fingerprint.

    The message and evidence are left out on purpose: rewording a message or rounding
    evidence differently in a later version must not orphan a reviewer's decision.
    """
    key = _flag_key(document_sha256, flag) + [occurrence]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _flag_key(document_sha256: str, flag: dict[str, Any]) -> list[Any]:
    return [
        document_sha256,
        flag.get("code"),
        flag.get("indicator"),
        sorted(flag.get("indicators") or []),
        flag.get("citation"),
        flag.get("location") or {},
    ]


def save_document(
    session: Session,
    *,
    sha256: str,
    result: dict[str, Any],
    source_path: str,
    name: str | None,
    message_id: int | None,
    sender: str | None,
    received_at: datetime | None,
) -> Document:
    """Upsert the document for ``sha256`` with its values, citations and flags."""
    extraction = result["extraction"]
    document = session.scalar(select(Document).where(Document.source_sha256 == sha256))
    if document is None:
        document = Document(source_sha256=sha256, source_path=source_path, received_at=received_at)
        session.add(document)
    document.name, document.format = name, extraction["source"]["format"]
    document.province = result.get("province")
    document.former_province = result.get("former_province")
    document.message_id, document.sender = message_id, sender
    document.report_date = extraction.get("report_date")
    document.own_number = extraction.get("own_number")
    document.extraction = extraction
    document.updated_at = utcnow()
    if document.id is not None:  # a re-run: old rows go first (unique document_id+position)
        session.execute(delete(IndicatorValue).where(IndicatorValue.document_id == document.id))
        session.execute(delete(Citation).where(Citation.document_id == document.id))
        session.flush()
        session.expire(document, ["indicator_values", "citations"])
    document.indicator_values = [
        _indicator_row(position, item) for position, item in enumerate(extraction["indicators"])
    ]
    document.citations = [
        _citation_row(position, item) for position, item in enumerate(extraction["citations"])
    ]
    session.flush()
    upsert_flags(session, document, extraction["flags"])
    return document


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _indicator_row(position: int, item: dict[str, Any]) -> IndicatorValue:
    return IndicatorValue(
        position=position,
        indicator=item.get("code"),
        label=item.get("label") or "",
        value=_number(item.get("value")),
        rate=_number(item.get("rate")),
        raw=item.get("raw") or "",
        value_raw=item.get("value_raw"),
        rate_raw=item.get("rate_raw"),
        notes=item.get("notes") or None,
        names=item.get("names") or None,
        location=item.get("location"),
    )


def _citation_row(position: int, item: dict[str, Any]) -> Citation:
    return Citation(
        position=position,
        citation_id=str(item.get("id")),
        type=item.get("type"),
        number=str(item.get("number") or ""),
        year=item.get("year"),
        symbol=str(item.get("symbol") or ""),
        issuer=item.get("issuer"),
        date=item.get("date"),
        raw=item.get("raw") or "",
        location=item.get("location"),
    )


def upsert_flags(session: Session, document: Document, flags: list[dict[str, Any]]) -> list[Flag]:
    """Insert new flags, refresh known ones (same id), deactivate ones no longer raised."""
    seen: Counter[str] = Counter()
    kept: list[Flag] = []
    for item in flags:
        key = json.dumps(_flag_key(document.source_sha256, item), ensure_ascii=False, sort_keys=True)
        fingerprint = flag_fingerprint(document.source_sha256, item, seen[key])
        seen[key] += 1
        row = session.scalar(select(Flag).where(Flag.fingerprint == fingerprint))
        if row is None:
            row = Flag(fingerprint=fingerprint)
            session.add(row)
        row.document_id, row.province = document.id, document.province
        row.code, row.severity, row.message = item["code"], item["severity"], item["message"]
        row.indicator, row.indicators = item.get("indicator"), item.get("indicators")
        row.citation, row.evidence = item.get("citation"), item.get("evidence")
        row.location, row.active, row.updated_at = item.get("location"), True, utcnow()
        kept.append(row)
    session.flush()
    kept_ids = {row.id for row in kept}
    for row in session.scalars(select(Flag).where(Flag.document_id == document.id)):
        if row.id not in kept_ids:
            row.active = False
    return kept

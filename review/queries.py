"""Read side of the review app: flags, values and documents from the record store.

Only the newest submission per province is reviewed (the one the export counts,
issue 4); a flag that a re-run no longer raises (``active = False``) leaves the
queue.  Results are small plain dataclasses so templates and the CLI share them.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.decisions import FlagKey, states_by_fingerprint
from review.reference import indicator_label, indicators, provinces
from store.review_tables import ReviewState
from store.schema import Citation, Document, Flag, IndicatorValue, Source

log = logging.getLogger(__name__)
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
STATUS_LABELS = {
    "open": "Chưa xử lý",
    "accepted": "Chấp nhận",
    "corrected": "Đã sửa",
    "rejected": "Bác: đọc sai",
    "decided": "Đã xử lý",
    "all": "Tất cả",
}


@dataclass
class FlagView:
    id: int
    fingerprint: str
    code: str
    severity: str
    message: str
    indicator: str | None
    indicators: tuple[str, ...]
    citation: str | None
    evidence: dict[str, Any]
    location: dict[str, Any] | None
    document_id: int | None
    province: str | None
    sha256: str | None
    source_name: str | None
    format: str | None
    decision: ReviewState | None = None

    @property
    def status(self) -> str:
        return self.decision.status if self.decision else "open"

    @property
    def version(self) -> int:
        return self.decision.version if self.decision else 0

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        codes = ([self.indicator] if self.indicator else []) + list(self.indicators)
        return tuple(dict.fromkeys(c for c in codes if c))

    @property
    def indicator_text(self) -> str:
        return ", ".join(self.indicator_codes) or (f"văn bản {self.citation}" if self.citation else "")

    @property
    def location_text(self) -> str:
        return describe_location(self.location)

    @property
    def key(self) -> FlagKey:
        return FlagKey(
            id=self.id,
            fingerprint=self.fingerprint,
            code=self.code,
            sha256=self.sha256,
            province=self.province,
            indicators=self.indicator_codes,
            suspect=self.suspect,
        )

    @property
    def suspect(self) -> str | None:
        """The line the rule blames (``evidence.suspect``), if it is one of the flag's."""
        suspect = self.evidence.get("suspect")
        return suspect if isinstance(suspect, str) and suspect in self.indicator_codes else None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "province": self.province,
            "indicator": self.indicator or (self.indicators[0] if self.indicators else None),
            "indicators": list(self.indicator_codes),
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "status": self.status,
            "version": self.version,
            "citation": self.citation,
            "source": self.source_name,
            "sha256": self.sha256,
            "location": self.location,
        }
        if self.decision is not None:
            out["decision"] = {
                "status": self.decision.status,
                "indicator": self.decision.indicator,
                "lines": list(self.decision.indicators or []),
                "blanks": self.decision.blanks,
                "value": self.decision.value,
                "rate": self.decision.rate,
                "note": self.decision.note,
                "decided_by": self.decision.decided_by,
                "decided_at": str(self.decision.decided_at),
            }
        return out


@dataclass
class ValueView:
    code: str | None
    label: str
    value: float | None
    rate: float | None
    raw: str
    value_raw: str | None
    rate_raw: str | None
    notes: list[str] = field(default_factory=list)
    location: dict[str, Any] | None = None


@dataclass
class DocumentView:
    id: int
    province: str | None
    sha256: str
    name: str | None
    format: str
    received_at: Any
    stored_path: str | None


def describe_location(location: dict[str, Any] | None) -> str:
    """Vietnamese pointer a person can follow in the original file."""
    if not location:
        return ""
    parts = []
    part = {"footnote": "chú thích", "header": "đầu trang", "footer": "chân trang"}.get(
        location.get("part") or ""
    )
    if part:
        parts.append(part)
    if location.get("page") is not None:
        parts.append(f"trang {location['page']}")
    if location.get("sheet"):
        parts.append(f"trang tính {location['sheet']}")
    if location.get("cell_ref"):
        parts.append(f"ô {location['cell_ref']}")
    if location.get("table") is not None:
        parts.append(f"bảng {location['table'] + 1}")
    if location.get("row") is not None:
        parts.append(f"dòng {location['row'] + 1}")
    if location.get("paragraph") is not None:
        parts.append(f"đoạn {location['paragraph'] + 1}")
    if location.get("line") is not None:
        inside = " trong ô" if location.get("table") is not None else (
            " trong đoạn" if location.get("paragraph") is not None else "")
        parts.append(f"dòng {location['line']}{inside}")
    return ", ".join(parts)


def current_documents(session: Session) -> list[DocumentView]:
    """The reports under review: per province the one the export counts, plus newer ones.

    The export (``store.export.latest_documents``) counts the newest submission that
    has Appendix 2 values; a strictly newer one without values (say, the appendix was
    sent separately) is still shown, since its flags explain why it does not count.
    Documents whose province is unknown are always shown.
    """
    rows = session.execute(
        select(Document, Source.stored_path).join(
            Source, Source.sha256 == Document.source_sha256, isouter=True
        )
    ).all()
    counted = _export_choice(session)
    by_province: dict[str, list[tuple[Document, str | None]]] = {}
    chosen: list[tuple[Document, str | None]] = []
    for document, stored_path in rows:
        if document.province:
            by_province.setdefault(document.province, []).append((document, stored_path))
        else:
            chosen.append((document, stored_path))
    for province, documents in by_province.items():
        base = next((pair for pair in documents if pair[0].id == counted.get(province)), None)
        if base is None:
            chosen.append(max(documents, key=lambda pair: _recency(pair[0])))
            continue
        chosen.append(base)
        chosen += [pair for pair in documents if _received(pair[0]) > _received(base[0])]
    return [_document_view(d, p) for d, p in chosen]


def _export_choice(session: Session) -> dict[str, int]:
    """Province → id of the document the export counts (empty if export is unavailable)."""
    try:
        from store.export import latest_documents

        chosen = latest_documents(session)
    except Exception as exc:  # the queue must keep working if the export breaks
        log.warning("export's choice of documents unavailable: %s", exc)
        return {}
    return {province: document.id for province, document in chosen.items()}


def _received(d: Document) -> tuple:
    return (d.received_at is not None, d.received_at.replace(tzinfo=None) if d.received_at else 0)


def _recency(d: Document) -> tuple:
    return (*_received(d), d.id)


def _document_view(document: Document, stored_path: str | None) -> DocumentView:
    return DocumentView(
        id=document.id,
        province=document.province,
        sha256=document.source_sha256,
        name=document.name or Path(document.source_path or "").name or None,
        format=document.format,
        received_at=document.received_at,
        stored_path=stored_path,
    )


def get_document(session: Session, document_id: int) -> DocumentView | None:
    row = session.execute(
        select(Document, Source.stored_path)
        .join(Source, Source.sha256 == Document.source_sha256, isouter=True)
        .where(Document.id == document_id)
    ).first()
    return _document_view(row[0], row[1]) if row else None


def list_flags(
    session: Session,
    *,
    status: str = "open",
    province: str | None = None,
    severity: str | None = None,
    code: str | None = None,
    indicator: str | None = None,
    document_id: int | None = None,
    current_only: bool = True,
) -> list[FlagView]:
    """Flags in review order (province, report, severity, indicator, id), filtered.

    ``status``: open | decided | all | accepted | corrected | rejected.
    """
    query = select(Flag, Document).join(Document, Document.id == Flag.document_id, isouter=True)
    query = query.where(Flag.active.is_(True))
    if current_only and document_id is None:
        ids = [d.id for d in current_documents(session)]
        query = query.where(Flag.document_id.in_(ids) | Flag.document_id.is_(None))
    if document_id is not None:
        query = query.where(Flag.document_id == document_id)
    if province:
        query = query.where(Flag.province == province)
    if severity:
        query = query.where(Flag.severity == severity)
    if code:
        query = query.where(Flag.code == code)
    views = _views(session, session.execute(query).all())
    if indicator:
        views = [v for v in views if indicator in v.indicator_codes]
    views = [v for v in views if _status_matches(v.status, status)]
    return sorted(views, key=_review_order)


def _status_matches(actual: str, wanted: str) -> bool:
    if wanted in ("all", ""):
        return True
    if wanted == "decided":
        return actual != "open"
    return actual == wanted


_INDICATOR_ORDER = {info.code: i for i, info in enumerate(indicators())}


@functools.cache
def _province_rank() -> dict[str, int]:
    return {name: i for i, name in enumerate(provinces())}


def _review_order(view: FlagView) -> tuple:
    """Gazetteer order of units (as on the overview), then report, severity, line."""
    codes = view.indicator_codes
    rank = _province_rank()
    return (
        rank.get(view.province or "", len(rank)),
        view.province or "\uffff",
        view.document_id or 0,
        SEVERITY_RANK.get(view.severity, 9),
        _INDICATOR_ORDER.get(codes[0], 99) if codes else 100,
        view.id,
    )


def _views(session: Session, rows: Iterable[tuple[Flag, Document | None]]) -> list[FlagView]:
    rows = list(rows)
    states = states_by_fingerprint(session, [flag.fingerprint for flag, _ in rows])
    return [
        FlagView(
            id=flag.id,
            fingerprint=flag.fingerprint,
            code=flag.code,
            severity=flag.severity,
            message=flag.message,
            indicator=flag.indicator,
            indicators=tuple(flag.indicators or ()),
            citation=flag.citation,
            evidence=dict(flag.evidence or {}),
            location=flag.location,
            document_id=flag.document_id,
            province=flag.province or (document.province if document else None),
            sha256=document.source_sha256 if document else None,
            source_name=(document.name or document.source_path) if document else None,
            format=document.format if document else None,
            decision=states.get(flag.fingerprint),
        )
        for flag, document in rows
    ]


def get_flag(session: Session, flag_id: int) -> FlagView | None:
    row = session.execute(
        select(Flag, Document)
        .join(Document, Document.id == Flag.document_id, isouter=True)
        .where(Flag.id == flag_id)
    ).first()
    return _views(session, [tuple(row)])[0] if row else None


def document_values(session: Session, document_id: int) -> list[ValueView]:
    rows = session.scalars(
        select(IndicatorValue)
        .where(IndicatorValue.document_id == document_id)
        .order_by(IndicatorValue.position)
    )
    return [
        ValueView(
            code=row.indicator,
            label=row.label or indicator_label(row.indicator),
            value=row.value,
            rate=row.rate,
            raw=row.raw,
            value_raw=row.value_raw,
            rate_raw=row.rate_raw,
            notes=[str(n) for n in row.notes or []],
            location=row.location,
        )
        for row in rows
    ]


def source_file(store: Path, document: DocumentView) -> Path | None:
    """The stored bytes of a document, if kept and inside the store folder."""
    if not document.stored_path:
        return None
    root = store.resolve()
    path = (root / document.stored_path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def citation_mentions(
    session: Session, document_id: int, citation_id: str, limit: int = 8
) -> list[tuple[str, dict[str, Any] | None]]:
    """Each place the report cites one legal document: (text as written, location)."""
    rows = session.execute(
        select(Citation.raw, Citation.location)
        .where(Citation.document_id == document_id, Citation.citation_id == citation_id)
        .order_by(Citation.position)
        .limit(limit)
    ).all()
    return [(raw, location) for raw, location in rows]

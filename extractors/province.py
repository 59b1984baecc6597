"""Which province a report comes from (stub until the gazetteer lands)."""

from __future__ import annotations

from dataclasses import dataclass

from baocao.model import Document


@dataclass
class ProvinceMatch:
    name: str
    former_name: str | None = None
    evidence: str | None = None


def resolve_province(document: Document) -> ProvinceMatch | None:
    return None

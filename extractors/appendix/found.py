"""A statement read from the document, before it is matched to the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field

from baocao.model import Location
from extractors.statements import Reading
from gazetteer.indicators import Match, match_label


@dataclass
class Found:
    """A statement read from the document, before catalog matching."""

    reading: Reading
    raw: str
    location: Location
    contexts: tuple[str, ...] = ()  # nearest heading first, for lines that need them
    from_table: bool = True
    notes: list[str] = field(default_factory=list)

    def match(self) -> Match:
        return match_label(self.reading.label, *self.contexts)

    @property
    def label(self) -> str:
        """The line's own words, or its heading when the line is only a figure."""
        if self.reading.label:
            return self.reading.label
        return next((" ".join(c.split()) for c in self.contexts if c and c.strip()), "")

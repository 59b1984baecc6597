"""Dates as reports write them, to ISO; one definition for citations and report headers."""

from __future__ import annotations

import datetime as dt


def parse_date(day: str, month: str, year: str) -> str | None:
    """ISO date, or None when the day/month do not exist (31/02); "22" is 2022."""
    if len(year) == 2:
        year = "20" + year
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None

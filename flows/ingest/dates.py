"""Dates of messages: RFC 2822 headers, Vietnamese webmail's day-first dates, all in UTC.

A date written without a zone is Vietnamese local time (UTC+7).  Used by the mail,
Outlook and zip openers alike.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

VN_TZ = timezone(timedelta(hours=7))  # dates written without a zone are Vietnamese local time


def parse_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return _vietnamese_date(text)
    return as_utc(value)


_VN_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})(?:\D+(\d{1,2}):(\d{2}))?")


def _vietnamese_date(text: str) -> datetime | None:
    """"Thứ Năm, 06/11/2025 14:05" as some webmail writes it (day first, local time)."""
    match = _VN_DATE.search(text)
    if not match:
        return None
    day, month, year, hour, minute = (int(g) if g else 0 for g in match.groups())
    try:
        return as_utc(datetime(year, month, day, hour, minute))
    except ValueError:
        return None


def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.astimezone(UTC)

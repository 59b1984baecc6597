"""How the review pages write numbers; shared by the app and the overview grid."""

from __future__ import annotations

from typing import Any


def fmt_number(value: Any) -> str:
    """Vietnamese display: 51.608 and 97,1 (dot groups thousands, comma decimals)."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1:
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)

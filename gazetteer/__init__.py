"""Reference data as readable files (TOML/CSV) beside this module, with tiny loaders.

Each domain module (indicators, provinces, legal documents, issuers) parses its own
file once and caches it; nothing else hard-codes reference data.
"""

from __future__ import annotations

import csv
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent


@cache
def load_toml(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, "rb") as fh:
        return tomllib.load(fh)


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        rows = [row for row in csv.DictReader(fh) if not (row.get(next(iter(row)), "") or "").startswith("#")]
    return tuple(rows)

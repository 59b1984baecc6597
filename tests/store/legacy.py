"""Stores as the releases before migrations left them: tables, rows, no ``alembic_version``.

Built the way those releases built them (``create_all`` of the models, the audit
triggers), then cut back to what each release had.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, Table, text

from store.db import open_engine
from store.schema import Base

# release -> tables it did not have yet, and whether review_states lacked ``blanks``
OLD_RELEASES = {
    "first release": ({"review_sessions"}, True),
    "ad-hoc ALTER release": (set(), False),  # create_all + ALTER TABLE … ADD COLUMN at every opening
}
WHEN = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
# No explicit ids: PostgreSQL sequences must stay in step for the rows written after the upgrade.
ROWS = {
    "runs": [{"inbox": "hop-thu", "started_at": WHEN, "status": "finished", "engine": "plain"}],
    "review_users": [{"name": "lan", "password_hash": "x", "active": True, "created_at": WHEN}],
    "review_states": [{"fingerprint": "f1", "flag_id": 7, "code": "rate_out_of_range", "indicators": ["1a"],
                       "status": "corrected", "indicator": "1a", "value": 51608.0, "rate": 97.1,
                       "decided_by": "lan", "decided_at": WHEN, "version": 2}],
    "review_audit": [{"at": WHEN, "actor": "lan", "channel": "cli", "flag_id": 7, "fingerprint": "f1",
                      "code": "rate_out_of_range", "before": {}, "after": {"status": "corrected"}}],
}  # fmt: skip


def make_old_store(store: Path, release: str) -> None:
    """A store (``store`` folder, or ``BAOCAO_DB_URL``) as ``release`` left it, with ROWS."""
    missing_tables, without_blanks = OLD_RELEASES[release]
    store.mkdir(parents=True, exist_ok=True)
    engine = open_engine(store, create=False)
    baseline = importlib.import_module("store.migrations.versions.0001_first_release")
    with engine.begin() as connection:
        Base.metadata.create_all(connection, tables=[t for t in Base.metadata.sorted_tables
                                                     if t.name not in missing_tables])  # fmt: skip
        if without_blanks:
            connection.execute(text("ALTER TABLE review_states DROP COLUMN blanks"))
        triggers = {"sqlite": baseline.SQLITE_TRIGGERS, "postgresql": baseline.PG_TRIGGERS}[connection.dialect.name]
        for statement in triggers:
            connection.execute(text(statement))
        for table, rows in ROWS.items():
            connection.execute(Table(table, MetaData(), autoload_with=connection).insert(), rows)
    engine.dispose()


def _comparable(row: Mapping[str, Any]) -> dict[str, Any]:
    """Times as naive UTC: SQLite gives them back without their zone."""
    return {k: v.astimezone(UTC).replace(tzinfo=None) if isinstance(v, datetime) and v.tzinfo else v
            for k, v in row.items()}  # fmt: skip


def expected_rows() -> dict[str, list[dict[str, Any]]]:
    return {table: [_comparable(row) for row in rows] for table, rows in ROWS.items()}


def read_rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """ROWS' tables read back, only ROWS' columns (a later release adds columns)."""
    found = {}
    with engine.connect() as connection:
        for table, rows in ROWS.items():
            reflected = Table(table, MetaData(), autoload_with=connection)
            query = reflected.select().with_only_columns(*(reflected.c[name] for name in rows[0]))
            found[table] = [_comparable(row._mapping) for row in connection.execute(query)]
    return found

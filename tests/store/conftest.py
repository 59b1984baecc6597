"""Store tests run against both engines: SQLite (the default) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest


# PostgreSQL needs its own cluster (a few seconds to start, a database per test): the
# whole suite runs both engines, `-m "not slow"` SQLite only.
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def db_engine_name(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Points BAOCAO_DB_URL at a fresh PostgreSQL database for the 'postgresql' case."""
    if request.param == "postgresql":
        monkeypatch.setenv("BAOCAO_DB_URL", request.getfixturevalue("postgres_url"))
    else:
        monkeypatch.delenv("BAOCAO_DB_URL", raising=False)
    return request.param


@pytest.fixture
def engine(db_engine_name: str, tmp_path: Path):  # noqa: ANN201 - sqlalchemy Engine
    from store.db import open_engine

    engine = open_engine(tmp_path / "store")
    yield engine
    engine.dispose()

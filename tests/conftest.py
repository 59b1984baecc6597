"""Fixtures shared across packages: a throw-away PostgreSQL cluster (see tests/pg.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests import pg


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pg.Cluster]:
    if pg.pg_bin() is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql (scripts/install_system_deps.sh)")
    cluster = pg.start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_server: pg.Cluster) -> str:
    """A fresh empty PostgreSQL database for one test."""
    return postgres_server.new_database()

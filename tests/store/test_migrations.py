"""Schema migrations (store/migrations): new and old stores reach head, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

from store.db import open_engine
from store.migrations import BASELINE_REVISION, HEAD_REVISION, alembic_config, stored_revisions
from store.schema import Base
from tests.store.legacy import OLD_RELEASES, expected_rows, make_old_store, read_rows


def test_head_constant_is_the_scripts_head() -> None:
    """The fast path compares with HEAD_REVISION: it must name the newest script."""
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [HEAD_REVISION]
    assert scripts.get_bases() == [BASELINE_REVISION]


@pytest.mark.parametrize("start", ["new database", *OLD_RELEASES])
def test_store_reaches_head_with_the_models_schema_and_keeps_its_rows(
    db_engine_name: str, tmp_path: Path, start: str
) -> None:
    store = tmp_path / "store"
    if start in OLD_RELEASES:
        make_old_store(store, start)
    engine = open_engine(store)
    with engine.connect() as connection:
        assert stored_revisions(connection) == {HEAD_REVISION}
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    if start in OLD_RELEASES:
        assert read_rows(engine) == expected_rows()
    with engine.begin() as connection:  # the column an old store lacked is there and writable
        connection.execute(text("INSERT INTO review_sessions (id, user_id, user_name, created_at, last_seen_at) "
                                "VALUES ('s', 1, 'lan', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))  # fmt: skip
        connection.execute(text("UPDATE review_states SET blanks = 'value'"))
        connection.execute(text("INSERT INTO review_audit (at, actor, channel, fingerprint, code, before, after) "
                                "VALUES (CURRENT_TIMESTAMP, 'lan', 'web', 'f2', 'c', '{}', '{}')"))  # fmt: skip
    for statement in ("UPDATE review_audit SET note = 'x'", "DELETE FROM review_audit"):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    engine.dispose()


@pytest.mark.parametrize(("start", "alembic_loaded"), [("new database", True), ("at head", False)])
def test_alembic_is_imported_only_when_the_store_is_behind(tmp_path: Path, start: str, alembic_loaded: bool) -> None:
    store = tmp_path / "store"
    if start == "at head":
        open_engine(store).dispose()
    code = f"import sys; from store.db import open_engine; open_engine({str(store)!r}); print('alembic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(alembic_loaded)


def test_command_line_reports_the_store_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAOCAO_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("BAOCAO_DB_URL", raising=False)
    done = subprocess.run([sys.executable, "-m", "store.migrations", "current"], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{HEAD_REVISION} (head)" in done.stdout


def test_a_migration_that_fails_halfway_leaves_no_half_schema(
    db_engine_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The migrations share one transaction with the lock (SQLite too), so a failure rolls all back."""
    import store.migrations as migrations

    def fails_after_the_tables(connection) -> None:  # noqa: ANN001 - sqlalchemy Connection
        real_migrate(connection)
        raise RuntimeError("killed halfway")

    real_migrate = migrations.migrate
    monkeypatch.setattr(migrations, "migrate", fails_after_the_tables)
    (tmp_path / "store").mkdir()
    engine = open_engine(tmp_path / "store", create=False)
    with pytest.raises(RuntimeError, match="halfway"):
        migrations.upgrade_to_head(engine)
    assert inspect(engine).get_table_names() == []
    monkeypatch.setattr(migrations, "migrate", real_migrate)
    migrations.upgrade_to_head(engine)
    assert "review_sessions" in inspect(engine).get_table_names()
    engine.dispose()

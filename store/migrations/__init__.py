"""Schema migrations of the record store (Alembic), applied when the store is opened.

``store.db.open_engine`` brings the database to :data:`HEAD_REVISION` at every opening,
and the CLI opens the store on every command, so the up-to-date case must stay cheap:
one SELECT of ``alembic_version`` compared with the constant.  Alembic itself (about
0.1 s of imports) is loaded only when the store is behind; ``tests/store`` checks the
constant against the scripts in ``versions/``.

Alembic is configured in code (:func:`alembic_config`: ``script_location`` is this
folder, no ``alembic.ini``), so it works from an installed package and from any cwd.
``python -m store.migrations`` is Alembic's command line on the store's database
(``revision --autogenerate -m …``, ``current``, ``history``, ``check``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

FOLDER = Path(__file__).resolve().parent
BASELINE_REVISION = "0001_first_release"
HEAD_REVISION = "0002_review_sessions"
# Tables of the release before migrations: a database holding them but no revision was made by it.
BASELINE_TABLES = frozenset(
    ("runs", "messages", "sources", "inputs", "documents", "indicator_values", "citations", "flags",
     "review_users", "review_states", "review_audit")
)  # fmt: skip
SCHEMA_LOCK_KEY = 131_6542  # pg_advisory_xact_lock key held while migrating


def alembic_config(*, connection: Connection | None = None, url: str | None = None) -> Config:
    """Alembic's configuration, built in code: this folder's scripts, then a connection or a URL."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(FOLDER))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # ConfigParser interpolation
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def stored_revisions(connection: Connection) -> set[str]:
    """The revisions recorded in ``alembic_version`` (one SELECT); empty when there is none."""
    try:
        return set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except DBAPIError:  # no such table: a new database, or one made before migrations
        return set()


def is_current(engine: Engine) -> bool:
    with engine.connect() as connection:
        return stored_revisions(connection) == {HEAD_REVISION}


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema to :data:`HEAD_REVISION`; safe when several processes open a new database.

    Up to date (the usual case): one SELECT, no lock.  Otherwise the migrations run under
    the schema lock, and whoever waited finds the work done:

    * PostgreSQL: DDL is transactional, so they run in the one transaction that holds
      ``pg_advisory_xact_lock`` (the connection is handed to Alembic inside it).
    * SQLite: an exclusive ``flock`` on ``<db>.schema-lock`` beside the database file,
      and one ``BEGIN IMMEDIATE`` transaction (pysqlite would otherwise commit each DDL
      statement on its own, and a process killed halfway would leave half a schema).
    """
    if is_current(engine):
        return
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK_KEY})
            migrate(connection)
    elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        _migrate_sqlite(engine, Path(engine.url.database or "").resolve())
    else:
        with engine.begin() as connection:
            migrate(connection)


def _migrate_sqlite(engine: Engine, database: Path) -> None:
    import fcntl

    with open(database.with_name(database.name + ".schema-lock"), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                migrate(connection)
            except BaseException:
                connection.exec_driver_sql("ROLLBACK")
                raise
            connection.exec_driver_sql("COMMIT")


def migrate(connection: Connection) -> None:
    """Upgrade to head on a connection that holds the schema lock, in its transaction.

    A store made before migrations existed (every opening ran ``create_all``) has the
    tables but no ``alembic_version``.  Upgrading it from nothing would run the
    baseline's CREATE TABLEs against tables that exist and fail, so it is first
    *stamped* at :data:`BASELINE_REVISION` (recorded as having it, nothing run), then
    upgraded.  The revision after the baseline looks before it alters: the release
    before migrations already added ``review_states.blanks`` and ``review_sessions`` to
    its stores with an ad-hoc ``ALTER TABLE … ADD COLUMN`` / ``create_all``.
    """
    tables = set(inspect(connection).get_table_names())
    revisions = stored_revisions(connection) if "alembic_version" in tables else set()
    if revisions == {HEAD_REVISION}:
        return  # another process migrated while this one waited for the lock
    from alembic import command

    config = alembic_config(connection=connection)
    if not revisions and tables & BASELINE_TABLES:
        missing = BASELINE_TABLES - tables
        if missing:
            raise RuntimeError(f"store made by an unknown release: no revision and tables missing: {sorted(missing)}")
        command.stamp(config, BASELINE_REVISION)
    command.upgrade(config, "head")

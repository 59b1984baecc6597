"""Opening the record store: SQLite under the store folder by default, any URL by env.

``BAOCAO_DB_URL`` (e.g. ``postgresql+psycopg://…``) points several machines at one
shared database; otherwise ``<store>/baocao.db`` in WAL mode, so the review app can
read while a nightly run writes.  ``BAOCAO_STORE`` sets the default store folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from baocao import settings
from store import review_tables  # noqa: F401 - registers the review tables on Base
from store.schema import Base

SCHEMA_LOCK_KEY = 131_6542  # pg_advisory_xact_lock key held while creating tables

def store_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: the argument, else $BAOCAO_STORE, else ./baocao-data."""
    return Path(path or settings.load().store)


def db_url(store: Path) -> str:
    return settings.load().db_url or f"sqlite:///{(store / 'baocao.db').resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable across a process kill
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_engine(store: str | os.PathLike[str] | None = None, *, create: bool = True) -> Engine:
    """An engine on the store, creating the folder and all tables when ``create``."""
    folder = store_dir(store)
    url = db_url(folder)
    if url.startswith("sqlite"):
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if create:
        create_schema(engine)
    return engine


def create_schema(engine: Engine) -> None:
    """Create missing tables, safe when several processes open a new database at once.

    PostgreSQL: DDL is transactional, so the tables are created inside one transaction
    that holds an advisory lock (a second process waits, then finds them).  SQLite: an
    exclusive ``flock`` on ``<db>.schema-lock`` beside the database file.
    """
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK_KEY})
            Base.metadata.create_all(connection)
        return
    if engine.dialect.name == "sqlite" and engine.url.database:
        import fcntl

        database = Path(engine.url.database).resolve()
        lock_path = database.with_name(database.name + ".schema-lock")
        with open(lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            Base.metadata.create_all(engine)
        return
    Base.metadata.create_all(engine)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with session_factory(engine)() as session, session.begin():
        yield session

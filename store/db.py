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

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from baocao import settings
from store import review_tables  # noqa: F401 - registers the review tables on Base
from store.migrations import upgrade_to_head


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
    """An engine on the store; with ``create``, the folder and the schema at its head revision."""
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
    """Bring the schema to the head revision (Alembic, ``store/migrations``).

    Safe when several processes open a new database at once: the migrations run under
    an advisory transaction lock (PostgreSQL) or a ``flock`` beside the database file
    (SQLite); an up-to-date store costs one SELECT and no Alembic import.
    """
    upgrade_to_head(engine)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with session_factory(engine)() as session, session.begin():
        yield session

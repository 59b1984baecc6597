"""Alembic's environment for the record store.

:func:`store.migrations.upgrade_to_head` hands over the connection that holds the
schema lock (``config.attributes["connection"]``), inside its transaction, so the
migrations and the lock share one transaction.  ``python -m store.migrations`` (writing
a revision, ``current``, ``history``, ``check``) gives a URL instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from store import review_tables  # noqa: F401 - registers the review tables on Base
from store.schema import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying the table
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(url)
    try:
        with engine.begin() as own:
            _run(own)
    finally:
        engine.dispose()


_main()

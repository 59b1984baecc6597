"""``python -m store.migrations ARGS``: Alembic's command line on the store's database.

The same commands as ``alembic`` (``revision``, ``current``, ``history``, ``heads``,
``check``, ``upgrade``, ``downgrade``, ``stamp``) with the configuration built in code:
the scripts of this package, the database of ``BAOCAO_DB_URL`` or
``$BAOCAO_STORE/baocao.db``.  The store is opened (so brought to head) first, which is
what ``revision --autogenerate`` compares the models with.
"""

from __future__ import annotations

from collections.abc import Sequence

from store.db import open_engine
from store.migrations import alembic_config


def main(argv: Sequence[str] | None = None) -> None:
    from alembic.config import CommandLine

    cli = CommandLine(prog="python -m store.migrations")
    options = cli.parser.parse_args(argv)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    engine = open_engine()
    config = alembic_config(url=engine.url.render_as_string(hide_password=False))
    config.cmd_opts = options
    cli.run_cmd(config, options)


if __name__ == "__main__":
    main()

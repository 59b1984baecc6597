"""A throw-away PostgreSQL cluster for tests: initdb + pg_ctl in a temp dir, free port.

Used by the ``postgres_server`` session fixture (tests/conftest.py).  PostgreSQL
refuses to run as root, so as root the cluster runs as the ``postgres`` system user
(Debian's package creates it) through ``runuser``.  Skipped, with the reason, only when
the binaries are absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

BIN_DIRS = [Path(os.environ["BAOCAO_PG_BIN"])] if os.environ.get("BAOCAO_PG_BIN") else []
BIN_DIRS += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def pg_bin() -> Path | None:
    for folder in BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    bin: Path
    user: str | None  # system user the server runs as (None: ourselves)

    def _cmd(self, *args: str) -> list[str]:
        return (["runuser", "-u", self.user, "--"] if self.user else []) + list(args)

    def start(self) -> None:
        data = self.folder / "data"
        subprocess.run(self._cmd(str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                 "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"),
                       check=True, capture_output=True)  # fmt: skip
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        subprocess.run(self._cmd(str(self.bin / "pg_ctl"), "-D", str(data), "-o", options,
                                 "-l", str(self.folder / "server.log"), "-w", "start"),
                       check=True, capture_output=True)  # fmt: skip

    def stop(self) -> None:
        subprocess.run(self._cmd(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"),
                       capture_output=True)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as connection:  # fmt: skip
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_cluster() -> Cluster:
    folder = Path(tempfile.mkdtemp(prefix="baocao-pg-"))
    user = None
    if os.geteuid() == 0:
        user = "postgres"
        shutil.chown(folder, user=user)
    binaries = pg_bin()
    assert binaries is not None
    cluster = Cluster(folder, _free_port(), binaries, user)
    cluster.start()
    return cluster

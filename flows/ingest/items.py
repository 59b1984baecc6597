"""One input of a run (:class:`Item`) and the message it came in (:class:`MessageMeta`).

Every other ingest module builds or reads these; they hold no parsing logic, only the
bytes (read lazily for top-level files, under the size cap) and the sha256 that
addresses them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flows.guard import Limits, Rejected


@dataclass
class MessageMeta:
    """Who sent a message and when (UTC); the key is the sha256 of its raw bytes."""

    key: str
    message_id: str | None
    sender: str | None
    sender_name: str | None
    date: datetime | None
    subject: str | None
    locator: str


@dataclass
class Item:
    """One input; ``data`` holds the bytes of parts, top-level files are read lazily."""

    locator: str
    path: str  # display
    kind: str  # file|message|attachment|body|member
    name: str | None
    depth: int
    data: bytes | None = None
    file: Path | None = None
    mtime: datetime | None = None
    message: MessageMeta | None = None
    parent: str | None = None
    problem: str | None = None  # known broken before parsing (e.g. encrypted zip member)
    zip_format: str | None = None  # docx/xlsx/zip for a zip-like part, judged in the sandbox child
    _sha: str | None = field(default=None, repr=False)

    @property
    def sha256(self) -> str:
        if self._sha is None:
            self._sha = sha256_bytes(self.data) if self.data is not None else sha256_file(self.file)
        return self._sha

    def read(self, limits: Limits) -> bytes:
        if self.data is None:
            assert self.file is not None
            if self.file.stat().st_size > limits.file_bytes:
                raise Rejected(f"tệp quá lớn (trên {limits.file_bytes >> 20} MB)")
            self.data = self.file.read_bytes()
        return self.data

    def size(self) -> int:
        return len(self.data) if self.data is not None else self.file.stat().st_size  # type: ignore[union-attr]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path | None) -> str:
    assert path is not None
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

"""Mailbox-export ingestion: turn a folder into a tree of inputs with stable locators.

An *input* is anything that can get a fate: a file in the inbox, a message inside an
.mbox, an attachment, a message body, a member of a .zip.  Each has a ``locator``
(stable across runs: the inbox-relative path, then ``#msg=<key>``, ``/att=<n>``,
``/body``, ``/member=<n>``) and a display ``path`` for people.  Decoded names
(RFC 2047/2231, NFC) are display text only; bytes are addressed by sha256, so a name
like ``../../x.docx`` can never choose where anything is written.

This package only parses containers (stdlib ``email``, ``zipfile``, extract-msg) and
sniffs formats; it never runs the report pipeline.  One module per responsibility:
``items`` (the input and its message), ``inbox`` (walking the folder), ``names`` and
``dates`` (decoding what senders wrote), ``detect`` (format and refusal reasons), and
one opener per container: ``mbox``, ``mail`` (.eml), ``outlook`` (.msg), ``archive``
(.zip).  :func:`expand` dispatches to them; the names other modules use are
re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flows.guard import Limits, Rejected
from flows.ingest.dates import as_utc, parse_date
from flows.ingest.detect import (
    CONTAINER_FORMATS,
    CONVERTED_FORMATS,
    DOCUMENT_FORMATS,
    SUFFIXES,
    detect_format,
    libreoffice_available,
    refine_zip_format,
    unsupported_reason,
)
from flows.ingest.inbox import walk_inbox
from flows.ingest.items import Item, MessageMeta, sha256_bytes, sha256_file
from flows.ingest.names import decode_name, display_name, fs_names

if TYPE_CHECKING:
    from flows.ingest.archive import expand_zip
    from flows.ingest.mail import expand_eml, is_forward, message_meta, strip_quoted
    from flows.ingest.mbox import expand_mbox, split_mbox
    from flows.ingest.outlook import expand_msg

# The container openers (and the stdlib e-mail parser under them) load when first used:
# `baocao extract report.pdf` has no container to open.
_LAZY = {
    "expand_zip": "flows.ingest.archive", "expand_eml": "flows.ingest.mail",
    "is_forward": "flows.ingest.mail", "message_meta": "flows.ingest.mail",
    "strip_quoted": "flows.ingest.mail", "expand_mbox": "flows.ingest.mbox",
    "split_mbox": "flows.ingest.mbox", "expand_msg": "flows.ingest.outlook",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "CONTAINER_FORMATS", "CONVERTED_FORMATS", "DOCUMENT_FORMATS", "SUFFIXES", "Item", "MessageMeta",
    "as_utc", "decode_name", "detect_format", "display_name", "expand", "expand_eml", "expand_mbox",
    "expand_msg", "expand_zip", "fs_names", "is_forward",
    "libreoffice_available", "message_meta", "parse_date", "refine_zip_format", "sha256_bytes",
    "sha256_file", "split_mbox", "strip_quoted", "unsupported_reason", "walk_inbox",
]  # fmt: skip


def expand(item: Item, fmt: str, limits: Limits) -> tuple[list[Item], MessageMeta | None]:
    """Children of a container (and its own message metadata for .eml/.msg)."""
    if item.depth >= limits.nesting:
        raise Rejected(f"tệp lồng nhau quá sâu (quá {limits.nesting} cấp)")
    if fmt == "mbox":
        from flows.ingest.mbox import expand_mbox

        return expand_mbox(item, limits), None
    if fmt == "eml":
        from flows.ingest.mail import expand_eml

        return expand_eml(item, limits)
    if fmt == "msg":
        from flows.ingest.outlook import expand_msg

        return expand_msg(item, limits)
    if fmt == "zip":
        from flows.ingest.archive import expand_zip

        return expand_zip(item, limits), None
    raise ValueError(fmt)

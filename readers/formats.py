"""What a file really is, from its bytes: one format detector for readers and ingestion.

Why: the name lies.  Provinces send a DOCX renamed ``.pdf``, an Excel 97 file saved as
``.xlsx``, a password-protected ``.docx`` (an OLE file, not a zip).  Parsers then fail
with "not a zip file"; here the bytes decide and the caller can say what happened.

- :func:`sniff` looks at the first bytes only (magic numbers): PDF, zip, OLE2 compound
  file, Outlook TNEF (winmail.dat), RTF, HTML, an mbox ("From "), an e-mail's headers.
- :func:`zip_kind` tells OOXML (word/, xl/, ppt/) and ODF (the ``mimetype`` member) from
  a plain zip by member names; :func:`ole_kind` tells .doc, .xls, .msg and an encrypted
  OOXML apart by the stream names in the compound file's directory.
- :func:`identify` combines them for a file on disk; text encodings are
  :mod:`readers.decoding`'s business.

Everything is bounded: the head is a few KB, zip member names come from the central
directory, the OLE scan reads at most :data:`OLE_SCAN_BYTES`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # compound file: .doc/.xls/.msg or encrypted OOXML
TNEF_MAGIC = b"\x78\x9f\x3e\x22"  # winmail.dat
HEAD_BYTES = 4096
OLE_SCAN_BYTES = 64 << 20

_EMAIL_HEADER = re.compile(rb"(?i)(received|return-path|from|message-id|mime-version|date|subject):")
_HTML = re.compile(rb"(?i)^\s*(?:<!doctype\s+html|<html|<head|<body|<meta\s)")

#: What each format is called when a message names it (Vietnamese, for users).
FORMAT_NAMES = {
    "pdf": "tệp PDF", "docx": "tệp Word (.docx)", "xlsx": "tệp Excel (.xlsx)", "pptx": "tệp PowerPoint (.pptx)",
    "odt": "tệp OpenDocument văn bản (.odt)", "ods": "tệp OpenDocument bảng tính (.ods)",
    "doc": "tệp Word 97-2003 (.doc)", "xls": "tệp Excel 97-2003 (.xls)", "msg": "thư Outlook (.msg)",
    "encrypted": "tệp Office được đặt mật khẩu (mã hóa)", "ole": "tệp Office đời cũ", "zip": "tệp nén .zip",
    "rtf": "tệp RTF", "html": "trang HTML", "mbox": "hộp thư mbox", "eml": "thư điện tử (.eml)",
    "tnef": "winmail.dat (TNEF của Outlook)",
}  # fmt: skip

# Streams of an OLE2 directory, written UTF-16LE, in the order they decide.
_OLE_STREAMS = (
    ("encrypted", "EncryptedPackage"),
    ("msg", "__substg1.0_"),
    ("doc", "WordDocument"),
    ("xls", "Workbook"),
    ("xls", "Book"),
    ("ppt", "PowerPoint Document"),
)
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def sniff(head: bytes) -> str | None:
    """The container a file's first bytes announce, or None (plain text, unknown)."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(TNEF_MAGIC):
        return "tnef"
    if head.startswith(b"From "):
        return "mbox"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if _HTML.match(stripped[:512]):
        return "html"
    if _EMAIL_HEADER.match(stripped):
        return "eml"
    return None


def zip_kind(names: Iterable[str], mimetype: bytes | None = None) -> str:
    """docx/xlsx/pptx (OOXML part names), odt/ods/odp (ODF ``mimetype``), else "zip"."""
    if mimetype is not None and mimetype.strip() in _ODF_MIMETYPES:
        return _ODF_MIMETYPES[mimetype.strip()]
    names = set(names)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def ole_kind(data: bytes) -> str:
    """doc/xls/msg/ppt/"encrypted" by the stream names an OLE2 file holds; "ole" otherwise."""
    for kind, stream in _OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return kind
    return "ole"


def _zip_kind_of(source: Path | bytes) -> str:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else None
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, EOFError):
        return "zip"  # a broken zip: its name decides, its reader gives the reason
    return zip_kind(names, mimetype)


def identify_bytes(data: bytes) -> str | None:
    """The format of an in-memory file (an attachment): containers refined by their members."""
    kind = sniff(data[:HEAD_BYTES])
    if kind == "zip":
        return _zip_kind_of(data)
    if kind == "ole":
        return ole_kind(data[:OLE_SCAN_BYTES])
    return kind


def identify(path: Path) -> str | None:
    """The format of a file on disk (see :func:`identify_bytes`); None when nothing matches."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        kind = sniff(head)
        if kind == "ole":
            return ole_kind(head + fh.read(OLE_SCAN_BYTES - len(head)))
    return _zip_kind_of(path) if kind == "zip" else kind

"""Mailbox-export ingestion: turn a folder into a tree of inputs with stable locators.

An *input* is anything that can get a fate: a file in the inbox, a message inside an
.mbox, an attachment, a message body, a member of a .zip.  Each has a ``locator``
(stable across runs: the inbox-relative path, then ``#msg=<key>``, ``/att=<n>``,
``/body``, ``/member=<n>``) and a display ``path`` for people.  Decoded names
(RFC 2047/2231, NFC) are display text only; bytes are addressed by sha256, so a name
like ``../../x.docx`` can never choose where anything is written.

This module only parses containers (stdlib ``email``/``mailbox``, ``zipfile``,
extract-msg) and sniffs formats; it never runs the report pipeline.
"""

from __future__ import annotations

import codecs
import contextlib
import email
import email.policy
import hashlib
import logging
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from flows.guard import Limits, Rejected, check_zip_infos, member_chunks
from readers.formats import OLE_MAGIC, TNEF_MAGIC, identify, identify_bytes, sniff

VN_TZ = timezone(timedelta(hours=7))  # dates written without a zone are Vietnamese local time
# Word/Excel 97-2003, RTF and OpenDocument: read after LibreOffice converts them (readers.legacy)
CONVERTED_FORMATS = {"doc", "xls", "rtf", "odt", "ods"}
DOCUMENT_FORMATS = {"docx", "pdf", "xlsx", "txt", "md"} | CONVERTED_FORMATS
CONTAINER_FORMATS = {"mbox", "eml", "msg", "zip"}
SUFFIXES = {
    ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".xlsm": "xlsx", ".txt": "txt",
    ".md": "md", ".mbox": "mbox", ".mbx": "mbox", ".eml": "eml", ".msg": "msg", ".zip": "zip",
    ".doc": "doc", ".xls": "xls", ".rtf": "rtf", ".odt": "odt", ".ods": "ods",
}  # fmt: skip
# A message body shorter than this is a cover note ("gửi kèm báo cáo"), not a report:
# it is not an input of its own (the message's reason says so).  A report pasted into
# the body, even Appendix 2 alone, is longer.
BODY_MIN_CHARS = 600
MIME_DEPTH = 32  # multipart levels walked in one message
INDEX_FILES = {".msf": "tệp chỉ mục của Thunderbird (.msf)", ".dat": "tệp dữ liệu (.dat)",
               ".pst": "tệp dữ liệu Outlook (.pst), cần xuất ra từng thư .msg/.eml"}  # fmt: skip
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".emz", ".wmf"}
LEGACY = {".doc": "Word 97-2003 (.doc)", ".xls": "Excel 97-2003 (.xls)", ".rar": "RAR", ".7z": "7z",
          ".rtf": "RTF (.rtf)", ".odt": "OpenDocument (.odt)", ".ods": "OpenDocument (.ods)"}  # fmt: skip


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


# ---------------------------------------------------------------------------
# Walking the inbox
# ---------------------------------------------------------------------------


def walk_inbox(inbox: Path, exclude: Path | None = None) -> Iterator[Item]:
    """Every file under ``inbox`` in a stable order (hidden files and the store skipped).

    A symlink, FIFO, socket or device is an input too, with its problem stated (it is never
    followed or opened).  A name that is not valid UTF-8 (an archive unpacked from a
    Windows code page) is decoded for display; its locator keeps the raw bytes escaped.
    """
    inbox = inbox.resolve()
    excluded = exclude.resolve() if exclude else None
    for path in sorted(inbox.rglob("*")):
        rel = path.relative_to(inbox)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if excluded and (path == excluded or excluded in path.parents):
            continue
        problem = _not_regular(path)
        if problem is None and path.is_dir():
            continue
        locator, shown, name = fs_names(rel)
        item = Item(locator=locator, path=shown, kind="file", name=name, depth=0, file=path, mtime=_mtime(path))
        if problem:
            item.problem, item.data, item.file = problem, b"", None
            item._sha = sha256_bytes(b"not-regular:" + locator.encode())
        yield item


def _not_regular(path: Path) -> str | None:
    """Why a directory entry is not a file we may read (None for files and folders)."""
    import stat

    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"không đọc được thông tin tệp: {exc.strerror or exc}"
    if stat.S_ISLNK(mode):
        return "liên kết tượng trưng (symlink): không đi theo để đọc, đề nghị sao chép chính tệp vào hộp thư"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "thiết bị"
    return f"không phải tệp thường ({kind}), bỏ qua"


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.lstat().st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None


# Code pages tried for a file name that is not UTF-8: Vietnamese Windows, then the DOS
# OEM pages zip tools on Windows write.
NAME_CODECS = ("cp1258", "cp437", "cp850")


def decode_name(raw: bytes) -> str:
    """A name's bytes as text: UTF-8, else the first code page giving only plain
    characters (letters, digits, usual punctuation), else UTF-8 with escapes; NFC."""
    try:
        return unicodedata.normalize("NFC", raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for codec in NAME_CODECS:
        with contextlib.suppress(UnicodeDecodeError):
            text = unicodedata.normalize("NFC", raw.decode(codec))
            if all(_plain_name_char(ch) for ch in text):
                return text
    mixed = raw.decode("utf-8", errors="baocao-cp1258")  # UTF-8 with stray windows-1258 bytes
    if all(_plain_name_char(ch) for ch in unicodedata.normalize("NFC", mixed)):
        return unicodedata.normalize("NFC", mixed)
    return raw.decode("utf-8", errors="backslashreplace")


def _cp1258_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1258", errors="replace"), error.end


codecs.register_error("baocao-cp1258", _cp1258_fallback)


def fs_names(rel: Path) -> tuple[str, str, str]:
    """(locator, display path, name) of an inbox-relative path whose bytes may not be UTF-8.

    The locator escapes undecodable bytes (``B\\xe1o cáo.txt``): stable across runs and
    storable; the display path shows the decoded name with the raw one beside it.
    """
    raw = os.fsencode(rel.as_posix())
    escaped = raw.decode("utf-8", errors="backslashreplace")
    decoded = "/".join(decode_name(part) for part in raw.split(b"/"))
    name = decoded.rsplit("/", 1)[-1]
    if decoded == escaped:
        return escaped, escaped, name
    return escaped, f"{decoded} (tên gốc: {escaped})", name


# ---------------------------------------------------------------------------
# Format detection (name first, content decides when they disagree)
# ---------------------------------------------------------------------------


def detect_format(item: Item, head: bytes) -> tuple[str | None, str | None]:
    """(format, problem): format None means unsupported; a problem means a broken file."""
    suffix = Path(item.name or "").suffix.lower()
    by_name = SUFFIXES.get(suffix)
    sniffed = _sniff(head)
    if item.kind == "body":
        return "txt", None
    if by_name in {"docx", "xlsx", "zip"}:
        if sniffed == "ole" or head.startswith(TNEF_MAGIC):
            return None, None  # Word/Excel 97-2003 or an encrypted OOXML: unsupported_reason says
        if sniffed != "zip":
            return by_name, f"tệp {suffix} hỏng (không phải tệp nén hợp lệ)"
        return by_name, None
    if by_name == "pdf":
        if sniffed in {"zip", "ole"} and (actual := _document_format(item)):
            return actual, None  # a Word/Excel file named .pdf: read by its content
        return "pdf", None if sniffed == "pdf" else "tệp .pdf hỏng (thiếu phần đầu %PDF)"
    if by_name == "msg":
        return "msg", None if sniffed == "ole" else "tệp .msg hỏng (không phải tệp Outlook)"
    if by_name in CONVERTED_FORMATS:
        return _converted_format(by_name, sniffed)
    if by_name:
        return by_name, None
    if suffix in LEGACY:
        return None, None
    fmt = _format_from_content(sniffed, head)
    if fmt == "zip":  # an unknown suffix: the members say docx/xlsx (judged in the opener child,
        # or here for bytes built in this process, never for a part of a container from outside)
        fmt = item.zip_format or (refine_zip_format(item.data) if item.data is not None else fmt)
    return fmt, None


def libreoffice_available() -> bool:
    """Whether legacy formats can be read here; its absence is announced once per process."""
    from readers.legacy import soffice_binary

    if soffice_binary() is not None:
        return True
    if not _ANNOUNCED:
        _ANNOUNCED.add("soffice")
        logging.getLogger(__name__).warning(
            "LibreOffice (soffice) not found: .doc/.xls/.rtf/.odt/.ods inputs get fate unsupported")
    return False


_ANNOUNCED: set[str] = set()


def _converted_format(fmt: str, sniffed: str | None) -> tuple[str | None, str | None]:
    """A .doc/.xls/.rtf/.odt/.ods is read after LibreOffice converts it in the sandbox child;
    without LibreOffice it is unsupported (``unsupported_reason`` says what is missing)."""
    if not libreoffice_available():
        return None, None
    if fmt in {"odt", "ods"} and sniffed != "zip":
        return fmt, f"tệp .{fmt} hỏng (không phải tệp nén OpenDocument hợp lệ)"
    return fmt, None


def _sniff(head: bytes) -> str | None:
    kind = sniff(head)  # readers.formats: the one detector
    return kind if kind in {"zip", "pdf", "ole", "mbox"} else None


def _document_format(item: Item) -> str | None:
    """docx/xlsx when the bytes are one (whatever the name says), else None."""
    try:
        kind = identify_bytes(item.data) if item.data is not None else identify(item.file) if item.file else None
    except OSError:
        return None
    return kind if kind in {"docx", "xlsx"} else None


def _head_of(item: Item, size: int = 4096) -> bytes:
    if item.data is not None:
        return item.data[:size]
    if item.file is None:
        return b""
    try:
        with open(item.file, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _is_encrypted_ooxml(item: Item) -> bool:
    """Office saves a password-protected .docx/.xlsx as an OLE file with an EncryptedPackage."""
    marker = "EncryptedPackage".encode("utf-16-le")
    if item.data is not None:
        return marker in item.data
    return item.file is not None and item.file.stat().st_size < (64 << 20) and marker in item.file.read_bytes()


def _format_from_content(sniffed: str | None, head: bytes) -> str | None:
    if sniffed in {"pdf", "mbox"}:
        return sniffed
    if sniffed == "zip":
        return "zip"  # refined to docx/xlsx by member names in classify_zip
    if re.match(rb"(?i)(received|return-path|from|message-id|mime-version|date|subject):", head):
        return "eml"
    return None


def refine_zip_format(data: bytes) -> str:
    """An unnamed OOXML attachment: tell docx/xlsx from a plain zip by its member names."""
    kind = identify_bytes(data)
    return kind if kind in {"docx", "xlsx"} else "zip"


def unsupported_reason(item: Item) -> str:
    """Why a format is refused, in words the sender can act on."""
    suffix = Path(item.name or "").suffix.lower()
    head = _head_of(item)
    if head.startswith(TNEF_MAGIC) or (item.name or "").lower() == "winmail.dat":
        return ("winmail.dat (định dạng TNEF của Outlook) không được hỗ trợ: đề nghị gửi lại thư "
                "ở định dạng HTML hoặc văn bản thường để tệp đính kèm đi kèm trực tiếp")  # fmt: skip
    if head.startswith(OLE_MAGIC) and suffix in {".docx", ".xlsx", ".xlsm"}:
        if _is_encrypted_ooxml(item):
            return f"tệp {suffix} được đặt mật khẩu (mã hóa), không đọc được; đề nghị gửi bản không mật khẩu"
        legacy = ".doc" if suffix == ".docx" else ".xls"
        return (f"tệp mang đuôi {suffix} nhưng thực chất là {LEGACY[legacy]}; "
                f"đề nghị lưu lại đúng định dạng {suffix} rồi gửi lại")  # fmt: skip
    if suffix in INDEX_FILES:
        return f"{INDEX_FILES[suffix]}, không phải thư hay báo cáo"
    if suffix in IMAGES:
        return f"tệp ảnh ({suffix}), không phải văn bản báo cáo (thường là ảnh chèn trong thư)"
    if SUFFIXES.get(suffix) in CONVERTED_FORMATS and not libreoffice_available():
        return (f"định dạng {LEGACY[suffix]} cần LibreOffice để chuyển đổi trước khi đọc, máy xử lý "
                "chưa cài LibreOffice (scripts/install_system_deps.sh); đề nghị cài rồi chạy lại")  # fmt: skip
    if suffix in LEGACY:
        return f"định dạng {LEGACY[suffix]} không được hỗ trợ, đề nghị gửi lại bản .docx/.xlsx/.pdf"
    return f"định dạng tệp không được hỗ trợ: {suffix or '(không có đuôi)'}"


# ---------------------------------------------------------------------------
# Names and headers
# ---------------------------------------------------------------------------


def display_name(raw: str | None) -> str | None:
    """A decoded, NFC, path-free, printable file name for display (never for paths)."""
    if not raw:
        return None
    text = str(raw)
    if "=?" in text:
        with contextlib.suppress(ValueError, LookupError, UnicodeDecodeError):
            text = str(make_header(decode_header(text)))
    text = unicodedata.normalize("NFC", text)
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(ch for ch in text if ch.isprintable()).strip().lstrip(".").rstrip(". ")
    if len(text) > 200:  # keep the suffix: it names the format
        stem, suffix = (text.rsplit(".", 1) + [""])[:2] if "." in text[-9:] else (text, "")
        text = stem[: 200 - len(suffix) - 1].rstrip() + ("." + suffix if suffix else "")
    return text or None


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - the stdlib header parser fails in many ways on hostile bytes
        return None
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def message_meta(message: EmailMessage, raw: bytes, locator: str) -> MessageMeta:
    sender_raw = _header(message, "From")
    sender = sender_name = None
    if sender_raw:
        pairs = getaddresses([sender_raw])
        if pairs:
            sender_name = pairs[0][0] or None
            sender = pairs[0][1].lower() or None
    return MessageMeta(
        key=sha256_bytes(raw),
        message_id=_header(message, "Message-ID"),
        sender=sender,
        sender_name=sender_name,
        date=parse_date(_header(message, "Date")) or _received_date(message),
        subject=_header(message, "Subject"),
        locator=locator,
    )


def _received_date(message: EmailMessage) -> datetime | None:
    """No Date header: the newest "Received: …; <date>" stamp (added by our own server)."""
    try:
        stamps = message.get_all("Received") or []
    except Exception:  # noqa: BLE001 - the stdlib header parser fails in many ways on hostile bytes
        return None
    for stamp in stamps:
        _, _, when = str(stamp).rpartition(";")
        if value := parse_date(when.strip()):
            return value
    return None


def parse_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return _vietnamese_date(text)
    return as_utc(value)


_VN_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})(?:\D+(\d{1,2}):(\d{2}))?")


def _vietnamese_date(text: str) -> datetime | None:
    """"Thứ Năm, 06/11/2025 14:05" as some webmail writes it (day first, local time)."""
    match = _VN_DATE.search(text)
    if not match:
        return None
    day, month, year, hour, minute = (int(g) if g else 0 for g in match.groups())
    try:
        return as_utc(datetime(year, month, day, hour, minute))
    except ValueError:
        return None


def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.astimezone(UTC)


# ---------------------------------------------------------------------------
# Expanding containers into child items
# ---------------------------------------------------------------------------


def expand(item: Item, fmt: str, limits: Limits) -> tuple[list[Item], MessageMeta | None]:
    """Children of a container (and its own message metadata for .eml/.msg)."""
    if item.depth >= limits.nesting:
        raise Rejected(f"tệp lồng nhau quá sâu (quá {limits.nesting} cấp)")
    if fmt == "mbox":
        return _expand_mbox(item, limits), None
    if fmt == "eml":
        return _expand_eml(item, limits)
    if fmt == "msg":
        return _expand_msg(item, limits)
    if fmt == "zip":
        return _expand_zip(item, limits), None
    raise ValueError(fmt)


# A From_ separator line: "From <sender> <asctime>" (a time of day and a year).  A body
# line "From the office: ..." has neither; mboxo exports (Thunderbird, some Outlook
# tools) leave such lines unquoted, and the stdlib splits on any "From " line.
_FROM_LINE = re.compile(rb"^From \S+ +(?=.*\b\d{1,2}:\d{2}(?::\d{2})?\b)(?=.*\b(?:19|20)\d{2}\b).*$")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
_MBOXRD_QUOTED = re.compile(rb"^>(>*From )")


def _expand_mbox(item: Item, limits: Limits) -> list[Item]:
    children: list[Item] = []
    with _open_bytes(item, limits) as handle:
        for index, (raw, received) in enumerate(split_mbox(handle, limits), start=1):
            digest = sha256_bytes(raw)
            children.append(
                Item(
                    locator=f"{item.locator}#msg={digest[:16]}",
                    path=f"{item.path} › thư {index}",
                    kind="message", name=None, depth=item.depth + 1, data=raw,
                    mtime=received or item.mtime, message=item.message, parent=item.locator,
                    _sha=digest,
                )  # fmt: skip
            )
    if not children:
        single = _single_message(item, limits)
        if single is None:
            raise Rejected("hộp thư .mbox không có thư nào (tệp hỏng hoặc không phải mbox)")
        children.append(single)
    return children


def _single_message(item: Item, limits: Limits) -> Item | None:
    """An ".mbox" that is one message without a From_ line (some exporters): read as .eml."""
    with _open_bytes(item, limits) as handle:
        head = handle.read(4096)
    if _format_from_content(None, head.lstrip()) != "eml":
        return None
    raw = item.read(limits) if item.file is None or item.size() <= limits.file_bytes else b""
    return Item(
        locator=f"{item.locator}#msg={sha256_bytes(raw)[:16]}", path=f"{item.path} › thư 1",
        kind="message", name=None, depth=item.depth + 1, data=raw, mtime=item.mtime,
        message=item.message, parent=item.locator,
    )  # fmt: skip


def _open_bytes(item: Item, limits: Limits):  # noqa: ANN202 - a binary file object
    import io

    if item.file is not None:
        return open(item.file, "rb")  # noqa: SIM115 - closed by the caller's with
    return io.BytesIO(item.read(limits))


def split_mbox(handle, limits: Limits) -> Iterator[tuple[bytes, datetime | None]]:  # noqa: ANN001
    """(message bytes, From_-line time) per message, streaming, tolerant of real exports.

    A line starts a message only if it is a From_ line with a time and a year AND it
    follows a blank line or the next line is a header; mboxrd ``>From `` quoting is
    undone.  Bytes otherwise match what ``mailbox.mbox.get_bytes`` gives, so message
    keys stay stable for stores built before.
    """
    lines = iter(handle)
    current: list[bytes] | None = None
    received: datetime | None = None
    size = 0
    prev_blank = True
    line = next(lines, None)
    while line is not None:
        following = next(lines, None)
        if _starts_message(line, following, prev_blank, first=current is None):
            if current:
                yield _finish_message(current), received
            current, received, size = [], _from_line_time(line), 0
        elif current is not None and size <= limits.file_bytes:
            current.append(_MBOXRD_QUOTED.sub(rb"\1", line))
            size += len(line)
        prev_blank = not line.strip()
        line = following
    if current:
        yield _finish_message(current), received


def _starts_message(line: bytes, following: bytes | None, prev_blank: bool, first: bool) -> bool:
    """The file's first "From " line always; later ones need two of: a dated From_ line,
    a blank line before, a header line after."""
    if not line.startswith(b"From "):
        return False
    if first:
        return True
    dated = bool(_FROM_LINE.match(line.rstrip(b"\r\n")))
    header_next = following is not None and bool(_HEADER_LINE.match(following))
    return (dated and (prev_blank or header_next)) or (prev_blank and header_next)


def _finish_message(lines: list[bytes]) -> bytes:
    if lines and lines[-1] == b"\n":  # the blank line before the next From_ line
        lines = lines[:-1]
    return b"".join(lines)


def _from_line_time(line: bytes) -> datetime | None:
    """The delivery time in "From sender Mon Nov  5 08:05:00 2025" (UTC by convention)."""
    words = line.decode("ascii", errors="replace").split()[2:]
    for width in (5, 6):
        with contextlib.suppress(ValueError):
            stamp = datetime.strptime(" ".join(words[:width]), "%a %b %d %H:%M:%S %Y")
            return stamp.replace(tzinfo=UTC)
    return None


def _expand_eml(item: Item, limits: Limits) -> tuple[list[Item], MessageMeta]:
    raw = item.read(limits)
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except RecursionError as exc:  # the stdlib parser recurses once per multipart level
        raise Rejected("thư có các phần MIME lồng nhau quá sâu, không đọc được") from exc
    assert isinstance(message, EmailMessage)
    meta = message_meta(message, raw, item.locator)
    if not any(_header(message, h) for h in ("From", "Date", "Subject", "Message-ID")):
        raise Rejected("không phải thư điện tử hợp lệ (thiếu From/Date/Subject)")
    children: list[Item] = []
    budget = [limits.mime_parts]
    body = _collect_parts(message, item, meta, limits, children, budget)
    body = strip_quoted(body, forwarded=is_forward(meta.subject)) if body else body
    if body and len(body.strip()) >= BODY_MIN_CHARS:
        children.insert(0, _body_item(item, meta, body))
    return children, meta


# Where a reply's own text ends: the quoted original is somebody else's report (a
# Ministry reply quoting a province's report must not count as that province's report).
_ORIGINAL_MARKER = re.compile(
    r"(?im)^[ \t]*(-{2,}\s*(original message|thư gốc|tin nhắn gốc)\s*-{2,}"
    r"|(from|từ)\s*:[^\n]*\n\s*(sent|đã gửi|date|ngày)\s*:)"
)
_ATTRIBUTION = re.compile(r"(?i)(wrote|đã viết|viết)\s*:\s*$")


_FORWARD_SUBJECT = re.compile(r"(?i)^\s*(fwd?|tr|chuyển tiếp)\s*:")


def is_forward(subject: str | None) -> bool:
    """"Fwd:/FW:/Chuyển tiếp:": the original below the marker is what is being sent on."""
    return bool(subject and _FORWARD_SUBJECT.match(subject))


def strip_quoted(body: str, forwarded: bool = False) -> str:
    """The sender's own words: '>'-quoted lines, their attribution and, in a reply (not a
    forward, which sends the original on, often a report pasted by a province), the
    original after an Outlook "-----Original Message-----"/"From: … Sent: …" block."""
    marker = None if forwarded else _ORIGINAL_MARKER.search(body)
    if marker:
        body = body[: marker.start()]
    kept: list[str] = []
    for line in body.splitlines():
        if line.lstrip().startswith(">"):
            if kept and _ATTRIBUTION.search(kept[-1]):
                kept.pop()
            continue
        kept.append(line)
    return "\n".join(kept)


def _body_item(item: Item, meta: MessageMeta, body: str) -> Item:
    text = unicodedata.normalize("NFC", body).encode("utf-8")
    return Item(
        locator=f"{item.locator}/body", path=f"{item.path} › nội dung thư", kind="body",
        name="noi-dung-thu.txt", depth=item.depth + 1, data=text, mtime=item.mtime,
        message=meta, parent=item.locator,
    )  # fmt: skip


def _collect_parts(
    part: EmailMessage,
    item: Item,
    meta: MessageMeta,
    limits: Limits,
    children: list[Item],
    budget: list[int],
    depth: int = 0,
) -> str | None:
    """Walk MIME parts (bounded in count and depth), appending attachments; return the body text."""
    budget[0] -= 1
    if budget[0] < 0:  # the first parts are kept; the rest is one input with the reason
        if budget[0] == -1:
            _add_overflow(item, meta, children, f"thư có quá nhiều phần MIME: chỉ xử lý {limits.mime_parts} "
                          "phần đầu, các phần sau không được đọc")  # fmt: skip
        return None
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        inner = part.get_payload()
        inner_msg = inner[0] if isinstance(inner, list) else inner
        data = inner_msg.as_bytes() if hasattr(inner_msg, "as_bytes") else bytes(inner_msg)
        _add_attachment(item, meta, children, data, _part_name(part) or "thu-dinh-kem.eml", limits)
        return None
    if part.is_multipart():
        if depth >= MIME_DEPTH:  # real mail nests 3-4 levels; deeper is a parser attack
            _add_overflow(item, meta, children, f"thư lồng nhiều phần MIME quá sâu (quá {MIME_DEPTH} cấp): "
                          "các phần sâu hơn không được đọc", key="overflow-depth")  # fmt: skip
            return None
        body: str | None = None
        alternative = content_type == "multipart/alternative"
        for sub in part.iter_parts():
            text = _collect_parts(sub, item, meta, limits, children, budget, depth + 1)  # type: ignore[arg-type]
            if text and body is None:  # text/plain comes first in multipart/alternative
                body = text
            elif text and alternative and sub.get_content_type() == "text/html" and "\t" in text:
                body = text  # an HTML table (cells → tabs) beats its plain copy, which often loses the rows
        return body
    name = _part_name(part)
    disposition = (part.get_content_disposition() or "").lower()
    if name or disposition == "attachment" or not content_type.startswith("text/"):
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:  # noqa: BLE001 - a broken transfer encoding is still an input
            data = b""
        _add_attachment(item, meta, children, data, name or _name_for_type(content_type), limits)
        return None
    return _text_of(part)


def _part_name(part: EmailMessage) -> str | None:
    try:
        name = part.get_filename() or part.get_param("name", header="content-type")
    except Exception:  # noqa: BLE001 - the stdlib header parser fails in many ways on hostile bytes
        name = None
    if isinstance(name, tuple):  # an RFC 2231 triple that was not collapsed
        name = email.utils.collapse_rfc2231_value(name)
    if name and "\ufffd" in str(name):
        name = _raw_8bit_name(part) or name
    return display_name(name) if name else None


_RAW_NAME = re.compile(rb'(?i)\b(?:file)?name\s*=\s*(?:"([^"]*)"|([^;\s]+))')


def _raw_8bit_name(part: EmailMessage) -> str | None:
    """A name written in raw 8-bit bytes that are not UTF-8 (old Vietnamese mail clients
    send windows-1258); the stdlib turns those bytes into U+FFFD, the raw header keeps them."""
    for key, value in part.raw_items():
        if key.lower() not in {"content-disposition", "content-type"}:
            continue
        raw = str(value).encode("ascii", errors="surrogateescape")
        match = _RAW_NAME.search(raw)
        if not match:
            continue
        data = match.group(1) if match.group(1) is not None else match.group(2)
        for codec in ("utf-8", "cp1258"):
            with contextlib.suppress(UnicodeDecodeError):
                return unicodedata.normalize("NFC", data.decode(codec))
    return None


def _name_for_type(content_type: str) -> str:
    guesses = {
        "application/pdf": "tep-dinh-kem.pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "tep-dinh-kem.docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "tep-dinh-kem.xlsx",
        "application/zip": "tep-dinh-kem.zip",
        "application/vnd.ms-outlook": "tep-dinh-kem.msg",
    }
    return guesses.get(content_type, "tep-dinh-kem")


def _text_of(part: EmailMessage) -> str | None:
    try:
        text = part.get_content()
    except (LookupError, ValueError, AssertionError):
        text = _decode_guess(part.get_payload(decode=True) or b"")
    if not isinstance(text, str):
        return None
    if "\ufffd" in text:  # a wrong or missing charset: the bytes decide
        text = _decode_guess(part.get_payload(decode=True) or b"")
    if part.get_content_type() == "text/html":
        text = _html_to_text(text)
    return text


def _decode_guess(payload: bytes) -> str:
    """UTF-8 if it is, else windows-1258 (Vietnamese Windows clients), never an exception."""
    for codec in ("utf-8", "cp1258"):
        with contextlib.suppress(UnicodeDecodeError):
            return payload.decode(codec)
    return payload.decode("utf-8", errors="replace")


_CELL_RE = re.compile(r"(?is)(<t[dh]\b[^>]*>)(.*?)(?=</t[dh]\s*>)")
_BREAK_RE = re.compile(r"(?i)<br\s*/?>|</p\s*>|</div\s*>")


def _html_to_text(html: str) -> str:
    import html as html_lib

    text = re.sub(r"(?is)<(script|style).*?</\1>", " ", html)
    # Outlook wraps every cell's text in <p class=MsoNormal>: breaks inside a cell are spaces,
    # or each row would fall apart into one line per cell
    text = _CELL_RE.sub(lambda m: m.group(1) + _BREAK_RE.sub(" ", m.group(2)), text)
    # a table pasted into an HTML mail keeps its columns as tabs, which the text reader's
    # aligned-table reading of Appendix 2 understands
    text = re.sub(r"(?i)</t[dh]\s*>", "\t", text)
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|</h\d>|</li>", "\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r" *\t *", "\t", html_lib.unescape(text).replace("\xa0", " "))
    return "\n".join(line.strip(" ") for line in text.splitlines())


def _add_overflow(item: Item, meta: MessageMeta, children: list[Item], reason: str, key: str = "overflow") -> None:
    """The parts past the bound, as one input whose fate says they were not read (once per bound)."""
    locator = f"{item.locator}/{key}"
    if any(child.locator == locator for child in children):
        return
    children.append(
        Item(
            locator=locator, path=f"{item.path} › (các phần vượt giới hạn)",
            kind="attachment", name=None, depth=item.depth + 1, data=b"", mtime=item.mtime,
            message=meta, parent=item.locator, problem=reason,
            _sha=sha256_bytes(f"{key}:".encode() + item.locator.encode()),
        )  # fmt: skip
    )


def _add_attachment(
    item: Item, meta: MessageMeta, children: list[Item], data: bytes, name: str, limits: Limits
) -> None:
    index = sum(1 for c in children if c.kind == "attachment") + 1
    problem = None
    if len(data) > limits.file_bytes:
        data = b""  # recorded, then refused by size in the batch (never kept in memory)
        problem = f"tệp đính kèm quá lớn (trên {limits.file_bytes >> 20} MB)"
    children.append(
        Item(
            locator=f"{item.locator}/att={index}", path=f"{item.path} › {name}",
            kind="attachment", name=name, depth=item.depth + 1, data=data,
            mtime=item.mtime, message=meta, parent=item.locator, problem=problem,
        )  # fmt: skip
    )


def _expand_msg(item: Item, limits: Limits) -> tuple[list[Item], MessageMeta]:
    import extract_msg

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "message.msg"
        path.write_bytes(item.read(limits))
        try:
            msg = extract_msg.openMsg(str(path), delayAttachments=False)
        except Exception as exc:  # noqa: BLE001 - any parser failure is a recorded reason
            raise Rejected(f"không đọc được thư Outlook .msg: {type(exc).__name__}") from exc
        try:
            return _msg_children(msg, item, limits)
        finally:
            msg.close()


def _msg_children(msg, item: Item, limits: Limits) -> tuple[list[Item], MessageMeta]:  # noqa: ANN001
    sender_raw = getattr(msg, "sender", None) or ""
    pairs = getaddresses([str(sender_raw)]) if sender_raw else []
    date = getattr(msg, "date", None)
    meta = MessageMeta(
        key=item.sha256,
        message_id=getattr(msg, "messageId", None),
        sender=(pairs[0][1].lower() or None) if pairs else None,
        sender_name=(pairs[0][0] or None) if pairs else None,
        date=as_utc(date) if isinstance(date, datetime) else parse_date(str(date) if date else None),
        subject=unicodedata.normalize("NFC", msg.subject) if getattr(msg, "subject", None) else None,
        locator=item.locator,
    )
    children: list[Item] = []
    body = getattr(msg, "body", None)
    attachments = list(getattr(msg, "attachments", []) or [])
    overflow = len(attachments) > limits.mime_parts
    del attachments[limits.mime_parts :]
    for attachment in attachments:
        data = getattr(attachment, "data", None)
        name = display_name(
            getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None)
        )
        if data is not None and not isinstance(data, bytes | bytearray):
            data, name = _embedded_msg(data, name)
        _add_attachment(item, meta, children, bytes(data or b""), name or "tep-dinh-kem", limits)
    if overflow:
        _add_overflow(item, meta, children, f"thư có quá nhiều tệp đính kèm: chỉ xử lý {limits.mime_parts} "
                      "tệp đầu, các tệp sau không được đọc")  # fmt: skip
    if not body and getattr(msg, "htmlBody", None):  # an HTML-only message
        html = msg.htmlBody
        body = _html_to_text(_decode_guess(html) if isinstance(html, bytes) else str(html))
    body = strip_quoted(str(body), forwarded=is_forward(meta.subject)) if body else None
    if body and len(body.strip()) >= BODY_MIN_CHARS:
        children.insert(0, _body_item(item, meta, body))
    return children, meta


def _embedded_msg(inner, name: str | None) -> tuple[bytes, str]:  # noqa: ANN001
    """A forwarded Outlook message inside a .msg: re-exported as a .msg of its own, so
    its attachments (often the report itself) are opened too; its text if that fails."""
    base = re.sub(r"(?i)\.msg$", "", name or "thu-long")
    try:
        return bytes(inner.exportBytes(allowBadEmbed=True)), base + ".msg"
    except Exception:  # noqa: BLE001 - a broken embed still keeps its text
        return (getattr(inner, "body", "") or "").encode("utf-8"), base + ".txt"


def _expand_zip(item: Item, limits: Limits) -> list[Item]:
    import io

    data = item.read(limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise Rejected(f"tệp .zip hỏng: {exc}") from exc
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        check_zip_infos(infos, limits)
        if len(infos) > limits.members:
            raise Rejected(f"tệp .zip có quá nhiều tệp (trên {limits.members})")
        children = []
        for index, info in enumerate(infos, start=1):
            name = display_name(_zip_name(info))
            if info.flag_bits & 0x1:
                member_data, problem = b"", "tệp trong .zip được mã hóa (có mật khẩu)"
            else:
                member_data, problem = _read_member(archive, info, limits)
            child = Item(
                locator=f"{item.locator}/member={index}", path=f"{item.path} › {name}",
                kind="member", name=name, depth=item.depth + 1, data=member_data,
                mtime=_zip_time(info) or item.mtime, message=item.message, parent=item.locator,
            )  # fmt: skip
            child.problem = problem
            children.append(child)
    return children


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> tuple[bytes, str | None]:
    """A member's bytes, inflated 1 MB at a time and never past its declared size.

    ``ZipFile.read`` inflates up to 2 GB in one call before cutting to the declared size,
    so a member whose headers understate it costs that much memory; reading in chunks
    stops at the declared size, where the CRC check then tells the lie.
    """
    cap = min(info.file_size, limits.zip_member_bytes)
    try:
        return b"".join(member_chunks(archive, info, cap)), None
    except Rejected as exc:
        return b"", exc.reason


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Member names without the UTF-8 flag: UTF-8 anyway (many tools), else the OEM code
    page of a Vietnamese Windows (windows-1258, tones as combining marks), else CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    for codec in ("utf-8", "cp1258"):
        with contextlib.suppress(UnicodeDecodeError):
            text = unicodedata.normalize("NFC", raw.decode(codec))
            if codec == "utf-8" or all(_plain_name_char(ch) for ch in text):
                return text
    return info.filename


def _plain_name_char(char: str) -> bool:
    return char.isalnum() or char in " ._-()[]{}/,&+'~#@!=%"


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return as_utc(datetime(*info.date_time))
    except ValueError:
        return None

"""Opening an .eml: its sender/date/subject, its attachments, and its body when the body
is itself a report (pasted text or an HTML table).

MIME is walked bounded in part count and depth; a reply's quoted original is cut off
(it is somebody else's report), a forward's original is kept.  The helpers that add
attachments and the body as child items are shared with the Outlook opener.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import re
import unicodedata
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses

from flows.guard import Limits, Rejected
from flows.ingest.dates import parse_date
from flows.ingest.items import Item, MessageMeta, sha256_bytes
from flows.ingest.names import display_name

# A message body shorter than this is a cover note ("gửi kèm báo cáo"), not a report:
# it is not an input of its own (the message's reason says so).  A report pasted into
# the body, even Appendix 2 alone, is longer.

BODY_MIN_CHARS = 600
MIME_DEPTH = 32  # multipart levels walked in one message


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


def expand_eml(item: Item, limits: Limits) -> tuple[list[Item], MessageMeta]:
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
        children.insert(0, body_item(item, meta, body))
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


def body_item(item: Item, meta: MessageMeta, body: str) -> Item:
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
            add_overflow(item, meta, children, f"thư có quá nhiều phần MIME: chỉ xử lý {limits.mime_parts} "
                          "phần đầu, các phần sau không được đọc")  # fmt: skip
        return None
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        inner = part.get_payload()
        inner_msg = inner[0] if isinstance(inner, list) else inner
        data = inner_msg.as_bytes() if hasattr(inner_msg, "as_bytes") else bytes(inner_msg)
        add_attachment(item, meta, children, data, _part_name(part) or "thu-dinh-kem.eml", limits)
        return None
    if part.is_multipart():
        if depth >= MIME_DEPTH:  # real mail nests 3-4 levels; deeper is a parser attack
            add_overflow(item, meta, children, f"thư lồng nhiều phần MIME quá sâu (quá {MIME_DEPTH} cấp): "
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
        add_attachment(item, meta, children, data, name or _name_for_type(content_type), limits)
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
        text = decode_guess(part.get_payload(decode=True) or b"")
    if not isinstance(text, str):
        return None
    if "\ufffd" in text:  # a wrong or missing charset: the bytes decide
        text = decode_guess(part.get_payload(decode=True) or b"")
    if part.get_content_type() == "text/html":
        text = html_to_text(text)
    return text


def decode_guess(payload: bytes) -> str:
    """UTF-8 if it is, else windows-1258 (Vietnamese Windows clients), never an exception."""
    for codec in ("utf-8", "cp1258"):
        with contextlib.suppress(UnicodeDecodeError):
            return payload.decode(codec)
    return payload.decode("utf-8", errors="replace")


_CELL_RE = re.compile(r"(?is)(<t[dh]\b[^>]*>)(.*?)(?=</t[dh]\s*>)")
_BREAK_RE = re.compile(r"(?i)<br\s*/?>|</p\s*>|</div\s*>")


def html_to_text(html: str) -> str:
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


def add_overflow(item: Item, meta: MessageMeta, children: list[Item], reason: str, key: str = "overflow") -> None:
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


def add_attachment(
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

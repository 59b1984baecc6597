"""Opening an Outlook .msg (extract-msg): sender, date, attachments, embedded messages
and the body, into the same child items an .eml gives.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from datetime import datetime
from email.utils import getaddresses
from pathlib import Path

from flows.guard import Limits, Rejected
from flows.ingest.dates import as_utc, parse_date
from flows.ingest.items import Item, MessageMeta
from flows.ingest.mail import (
    BODY_MIN_CHARS,
    add_attachment,
    add_overflow,
    body_item,
    decode_guess,
    html_to_text,
    is_forward,
    strip_quoted,
)
from flows.ingest.names import display_name


def expand_msg(item: Item, limits: Limits) -> tuple[list[Item], MessageMeta]:
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
        add_attachment(item, meta, children, bytes(data or b""), name or "tep-dinh-kem", limits)
    if overflow:
        add_overflow(item, meta, children, f"thư có quá nhiều tệp đính kèm: chỉ xử lý {limits.mime_parts} "
                      "tệp đầu, các tệp sau không được đọc")  # fmt: skip
    if not body and getattr(msg, "htmlBody", None):  # an HTML-only message
        html = msg.htmlBody
        body = html_to_text(decode_guess(html) if isinstance(html, bytes) else str(html))
    body = strip_quoted(str(body), forwarded=is_forward(meta.subject)) if body else None
    if body and len(body.strip()) >= BODY_MIN_CHARS:
        children.insert(0, body_item(item, meta, body))
    return children, meta


def _embedded_msg(inner, name: str | None) -> tuple[bytes, str]:  # noqa: ANN001
    """A forwarded Outlook message inside a .msg: re-exported as a .msg of its own, so
    its attachments (often the report itself) are opened too; its text if that fails."""
    base = re.sub(r"(?i)\.msg$", "", name or "thu-long")
    try:
        return bytes(inner.exportBytes(allowBadEmbed=True)), base + ".msg"
    except Exception:  # noqa: BLE001 - a broken embed still keeps its text
        return (getattr(inner, "body", "") or "").encode("utf-8"), base + ".txt"

"""Mailbox parsing: decoded names, stable locators, bounded MIME, format sniffing."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from flows.guard import Limits, Rejected
from flows.ingest import Item, detect_format, display_name, expand, walk_inbox


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../x.docx", "x.docx"),
        ("..\\..\\Windows\\evil.pdf", "evil.pdf"),
        ("/etc/passwd", "passwd"),
        ("=?UTF-8?B?QsOhbyBjw6FvIDEzMS5kb2N4?=", "Báo cáo 131.docx"),
        ("=?utf-8?Q?B=C3=A1o_c=C3=A1o_H=E1=BA=A3i_Ph=C3=B2ng.pdf?=", "Báo cáo Hải Phòng.pdf"),
        ("Ba\u0301o ca\u0301o.docx", "Báo cáo.docx"),  # decomposed → NFC
        ("bad\x00name\r\n.xlsx", "badname.xlsx"),
        ("...hidden.docx", "hidden.docx"),
    ],
)
def test_display_name(raw: str, expected: str) -> None:
    assert display_name(raw) == expected


def _eml_item(message: EmailMessage, depth: int = 0) -> Item:
    data = bytes(message)
    return Item(locator="in/x.eml", path="in/x.eml", kind="file", name="x.eml", depth=depth, data=data)


def _message(*attachments: tuple[str, bytes], body: str = "Gửi kèm báo cáo.") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Sở GDĐT Hải Phòng <VanThu@HaiPhong.gov.vn>"
    message["Subject"] = "Báo cáo tổng kết Quyết định 131"
    message["Date"] = "Wed, 05 Nov 2025 08:15:00 +0700"
    message.set_content(body)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message


def test_message_meta_and_rfc2231_attachment_name() -> None:
    message = _message(("Báo cáo 131 - Sở GDĐT Hải Phòng.docx", b"PK\x03\x04data"))
    raw = bytes(message)
    assert b"filename*=" in raw or b"=?utf-8?" in raw.lower()  # really encoded on the wire
    children, meta = expand(_eml_item(message), "eml", Limits())
    assert meta is not None
    assert meta.sender == "vanthu@haiphong.gov.vn"
    assert meta.sender_name == "Sở GDĐT Hải Phòng"
    assert meta.subject == "Báo cáo tổng kết Quyết định 131"
    assert meta.date is not None and meta.date.isoformat() == "2025-11-05T01:15:00+00:00"
    (child,) = children  # the short cover note is not an input of its own
    assert child.kind == "attachment" and child.name == "Báo cáo 131 - Sở GDĐT Hải Phòng.docx"
    assert child.locator == "in/x.eml/att=1" and child.data == b"PK\x03\x04data"


def test_hand_written_rfc2047_filename_parameter() -> None:
    raw = (
        b"From: a@b.vn\r\nSubject: x\r\nDate: Wed, 05 Nov 2025 08:15:00 +0700\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
        b"Content-Type: text/plain\r\n\r\nhello\r\n--B\r\n"
        b"Content-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="=?UTF-8?B?QsOhbyBjw6FvLnBkZg==?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--B--\r\n"
    )
    item = Item(locator="m.eml", path="m.eml", kind="file", name="m.eml", depth=0, data=raw)
    children, _ = expand(item, "eml", Limits())
    assert [c.name for c in children] == ["Báo cáo.pdf"]
    assert children[0].data == b"%PDF-1.4\n"


def test_long_body_is_an_input_and_short_is_not() -> None:
    long_body = "Sở GDĐT báo cáo kết quả như sau.\n" + "- Tổng số giáo viên có máy tính: 100\n" * 30
    children, _ = expand(_eml_item(_message(body=long_body)), "eml", Limits())
    assert [c.kind for c in children] == ["body"]
    assert children[0].locator.endswith("/body")


def test_mime_part_bound_keeps_the_first_parts() -> None:
    """A message over the bound is read part by part up to it; the rest is one input
    whose problem says so (the reports among the first parts are not dropped)."""
    message = _message(*[(f"f{i}.txt", b"x") for i in range(30)])
    children, _ = expand(_eml_item(message), "eml", Limits(mime_parts=10))
    assert [c.name for c in children[:-1]] == [f"f{i}.txt" for i in range(len(children) - 1)]
    assert 5 <= len(children) - 1 < 10
    assert children[-1].problem and "quá nhiều phần MIME" in children[-1].problem


def test_names_that_are_not_utf8(tmp_path) -> None:
    import os

    from flows.ingest import decode_name, walk_inbox

    assert decode_name(b"B\xe1o c\xc3\xa1o H\xc3\xa0 T\xc4\xa9nh.txt") == "Báo cáo Hà Tĩnh.txt"
    assert decode_name("Báo cáo.docx".encode("cp1258")) == "Báo cáo.docx"
    assert decode_name("Bao cao.docx".encode("cp437")) == "Bao cao.docx"
    raw = os.path.join(os.fsencode(tmp_path), b"B\xe1o c\xc3\xa1o H\xc3\xa0 T\xc4\xa9nh.txt")
    with open(raw, "wb") as fh:
        fh.write(b"x")
    (tmp_path / "lien-ket.txt").symlink_to("/etc/passwd")
    items = {i.name: i for i in walk_inbox(tmp_path)}
    odd = items["Báo cáo Hà Tĩnh.txt"]
    odd.locator.encode("utf-8")  # storable: no surrogates
    assert "\\xe1" in odd.locator and "tên gốc" in odd.path
    link = items["lien-ket.txt"]
    assert link.problem and "symlink" in link.problem and link.file is None


def test_nesting_bound() -> None:
    with pytest.raises(Rejected):
        expand(_eml_item(_message(), depth=4), "eml", Limits(nesting=4))


def test_zip_members_get_names_but_never_paths() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../../etc/cron.d/evil.txt", "x")
        archive.writestr("thư mục/Báo cáo.docx", "PK")
    item = Item(locator="a.zip", path="a.zip", kind="file", name="a.zip", depth=0, data=buffer.getvalue())
    children, _ = expand(item, "zip", Limits())
    assert [c.name for c in children] == ["evil.txt", "Báo cáo.docx"]
    assert [c.locator for c in children] == ["a.zip/member=1", "a.zip/member=2"]


def _ooxml(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, b"<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.docx", b"PK\x03\x04", ("docx", None)),
        ("a.pdf", b"%PDF-1.7", ("pdf", None)),
        ("a.xlsx", b"hello", ("xlsx", "hỏng")),
        ("a.pdf", b"<html>", ("pdf", "hỏng")),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ("doc", None)),  # LibreOffice converts it
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ("xls", None)),
        ("a.rtf", b"{\\rtf1", ("rtf", None)),
        ("a.odt", b"PK\x03\x04", ("odt", None)),
        ("a.ods", b"<html>", ("ods", "hỏng")),
        ("a.bin", b"PK\x03\x04", ("zip", None)),  # unknown name: judged by content
        ("noname", b"%PDF-1.4", ("pdf", None)),
        ("a.png", b"\x89PNG", (None, None)),
        ("a.mbox", b"From x@y", ("mbox", None)),
        ("a.pdf", _ooxml("word/document.xml"), ("docx", None)),  # a DOCX named .pdf: read by content
        ("a.pdf", _ooxml("xl/workbook.xml"), ("xlsx", None)),
        ("a.pdf", _ooxml("other.txt"), ("pdf", "hỏng")),  # a plain zip is not a report named .pdf
        ("noname", _ooxml("word/document.xml"), ("docx", None)),
    ],
)
def test_detect_format(name: str, head: bytes, expected: tuple[str | None, str | None]) -> None:
    item = Item(locator=name, path=name, kind="attachment", name=name, depth=1, data=head)
    fmt, problem = detect_format(item, head)
    assert fmt == expected[0]
    assert (problem is None) == (expected[1] is None)
    if expected[1]:
        assert expected[1] in problem


@pytest.mark.parametrize(("name", "described"), [("a.doc", "Word 97-2003"), ("a.ods", "OpenDocument")])
def test_legacy_formats_without_libreoffice_are_unsupported_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, name: str, described: str
) -> None:
    from flows import ingest

    monkeypatch.setattr("readers.legacy.soffice_binary", lambda: None)
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" if name.endswith(".doc") else b"PK\x03\x04"
    item = Item(locator=name, path=name, kind="attachment", name=name, depth=1, data=head)
    assert detect_format(item, head) == (None, None)
    reason = ingest.unsupported_reason(item)
    assert "cần LibreOffice" in reason and described in reason


def test_walk_skips_hidden_and_store(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.eml").write_text("x")
    (tmp_path / ".hidden.docx").write_text("x")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "baocao.db").write_text("x")
    items = list(walk_inbox(tmp_path, exclude=tmp_path / "store"))
    assert [i.locator for i in items] == ["a/x.eml"]


def test_outlook_html_table_keeps_one_line_per_row() -> None:
    """Outlook puts each cell's text in <p class=MsoNormal> (and <br> in long labels)."""
    from flows.ingest.mail import html_to_text

    html = ('<table><tr><td><p class=MsoNormal>1.1<o:p></o:p></p></td><td><p class=MsoNormal>Nhà giáo có<br>'
            "máy tính</p></td><td><p>51.608</p></td><td><p>97,1</p></td></tr>"
            "<tr><td><p>1.2</p></td><td></td><td><p>433</p></td><td>100</td></tr></table><p>Trân trọng</p>")  # fmt: skip
    assert html_to_text(html).splitlines() == ["1.1\tNhà giáo có máy tính\t51.608\t97,1\t", "1.2\t\t433\t100\t",
                                                "Trân trọng"]  # fmt: skip

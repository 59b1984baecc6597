"""A held-out-style mailbox export (tests/flows/heldout/build.py), run twice end to end.

Each case names an input by a fragment of its display path and the fate it must get;
reasons must be Vietnamese sentences, never a bare exception name.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from flows.guard import Limits
from flows.ingest import Item, split_mbox, strip_quoted, unsupported_reason

ROOT = Path(__file__).resolve().parents[2]
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _heldout():
    spec = importlib.util.spec_from_file_location("heldout_build", ROOT / "tests/flows/heldout/build.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _cli(*argv: str) -> list[str]:
    """Run the ``baocao`` CLI as a user would; its stdout lines."""
    result = subprocess.run([sys.executable, "-m", "baocao", *argv], capture_output=True, text=True,
                            check=True, timeout=300)  # fmt: skip
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def heldout_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    builder = _heldout()
    inbox = builder.build(tmp_path_factory.mktemp("heldout") / "inbox")
    store = tmp_path_factory.mktemp("heldout-store")
    run = ("run", str(inbox), "--store", str(store), "--json", "--no-prefect")
    first, second = json.loads(_cli(*run)[-1]), json.loads(_cli(*run)[-1])
    rows = [json.loads(line) for line in _cli("status", "--store", str(store), "--json")]
    return {"first": first, "second": second, "store": store, "inbox": inbox, "rows": rows,
            "expected": builder.EXPECTED}  # fmt: skip


def _row(rows: list[dict], fragment: str) -> dict:
    found = [row for row in rows if row["path"].endswith(fragment)]
    assert len(found) == 1, (fragment, [row["path"] for row in rows])
    return found[0]


@pytest.mark.slow  # the held-out mailbox is run twice (heldout_run)
@pytest.mark.parametrize(
    ("fragment", "fate", "reason_has"),
    [
        ("Sở Giáo dục và Đào tạo Hải Phòng.docx", "processed", "Phụ lục 2"),  # RFC 2231, unquoted From
        ("Báo cáo Sở GDĐT Nghệ An.docx", "processed", "Phụ lục 2"),  # raw UTF-8 name
        ("image001.png", "unsupported", "ảnh"),
        ("Inbox.msf", "unsupported", ".msf"),
        ("Cần Thơ.eml › BC131_CanTho.docx", "processed", "Phụ lục 2"),  # message/rfc822
        ("thu-khong-ngay.eml › Báo cáo Thanh Hóa.pdf", "processed", "Phụ lục 2"),  # cp1258 raw name
        ("bao-cao-word97.docx", "unsupported", "Word 97-2003"),
        ("BaoCao.zip › Báo cáo Bình Định.docx", "processed", "Phụ lục 2"),  # cp1258 zip name
        ("DakLak.zip › Đắk Lắk - Phụ lục 2.xlsx", "processed", "Phụ lục 2"),
        ("co-mat-khau.zip › bao cao mat.docx", "failed", "mật khẩu"),
        ("tai-ve/trong.pdf", "failed", "rỗng"),
        ("rong.docx", "failed", "rỗng"),  # 0-byte attachment: empty, not a duplicate
        ("winmail.dat", "unsupported", "TNEF"),
        ("PL2_TQ (1).xlsx", "duplicate", "trùng"),
        ("xuat-tu-outlook.mbox › thư 1 › nội dung thư", "processed", "Phụ lục 2"),  # cp1258 QP body
        ("BC 131 Lam Dong.pdf", "processed", "Phụ lục 2"),
        ("Local Folders/Sent › thư 1", "duplicate", "trùng"),  # same message in two folders
        ("thu-luu.zip › bao cao.eml", "duplicate", "trùng"),  # .eml inside a .zip
    ],
)
def test_heldout_fates(heldout_run: dict, fragment: str, fate: str, reason_has: str) -> None:
    row = _row(heldout_run["rows"], fragment)
    assert row["fate"] == fate, row
    assert reason_has in row["reason"], row


@pytest.mark.slow  # the held-out mailbox is run twice (heldout_run)
def test_every_input_has_a_vietnamese_reason_and_no_duplicates(heldout_run: dict) -> None:
    rows = heldout_run["rows"]
    locators = [row["locator"] for row in rows]
    assert len(locators) == len(set(locators))
    for row in rows:
        assert row["fate"] and row["reason"], row
        assert VIETNAMESE & set(row["reason"].lower()), row
    # the mboxo body line "From the office ..." did not split a message into a fragment
    assert not any("thiếu From/Date/Subject" in row["reason"] for row in rows)


@pytest.mark.slow  # the held-out mailbox is run twice (heldout_run)
def test_reply_quoting_a_report_is_not_a_report(heldout_run: dict) -> None:
    """The Ministry's reply quotes Hải Phòng's whole report: only one Hải Phòng document."""
    assert heldout_run["first"]["provinces"]["Hải Phòng"] == 1
    assert not [row for row in heldout_run["rows"] if "Inbox › thư 3 › nội dung thư" in row["path"]]


@pytest.mark.slow  # the held-out mailbox is run twice (heldout_run)
def test_second_run_processes_nothing_new(heldout_run: dict) -> None:
    second = heldout_run["second"]
    assert second["new"] == 0 and second["processed"] == 0 and second["failed"] == 0


@pytest.mark.slow  # the held-out mailbox is run twice (heldout_run)
def test_export_has_the_expected_provinces(heldout_run: dict, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "heldout.csv"
    _cli("export", "--store", str(heldout_run["store"]), "--out", str(out))
    assert set(pd.read_csv(out)["province"]) == set(heldout_run["expected"])


# -- the pieces, table-driven -------------------------------------------------------

MBOX_CASES = [
    # (raw mbox, number of messages, first body line of message 1)
    (b"From a@b Mon Nov  5 08:05:00 2025\nSubject: x\n\nFrom the office: hi\n\n"
     b"From c@d Tue Nov  6 08:05:00 2025\nSubject: y\n\nbody\n", 2, b"From the office: hi"),
    (b"From a@b Mon Nov  5 08:05:00 2025\r\nSubject: x\r\n\r\n>From here\r\n\r\n"
     b"From c@d Tue Nov  6 08:05:00 2025\r\nSubject: y\r\n\r\nbody\r\n", 2, b"From here"),
    # no blank line before the separator, but a header follows it
    (b"From a@b Mon Nov  5 08:05:00 2025\nSubject: x\n\nbody\nFrom c@d Tue Nov  6 08:05:00 2025\n"
     b"Subject: y\n\nbody\n", 2, b"body"),
    # a body line that looks like a From_ line but no header follows and no blank before
    (b"From a@b Mon Nov  5 08:05:00 2025\nSubject: x\n\ntext\nFrom 08:00 to 17:00 in 2025\nmore\n",
     1, b"text"),
    # undated From_ lines (some converters): a blank line before and a header after
    (b"From a@b\nSubject: x\n\nFrom me: hello\n\nFrom c@d\nSubject: y\n\nbody\n", 2, b"From me: hello"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "count", "first_line"), MBOX_CASES)
def test_split_mbox(raw: bytes, count: int, first_line: bytes) -> None:
    messages = list(split_mbox(io.BytesIO(raw), Limits()))
    assert len(messages) == count
    body = messages[0][0].replace(b"\r\n", b"\n").split(b"\n\n", 1)[1]
    assert body.startswith(first_line)
    assert messages[0][1] is None or messages[0][1].day == 5


@pytest.mark.parametrize(
    ("body", "kept", "dropped"),
    [
        ("Đề nghị kiểm tra.\nVào Th 5 ... đã viết:\n> BÁO CÁO\n> số liệu", "Đề nghị", "BÁO CÁO"),
        ("Xin gửi lại.\n-----Original Message-----\nFrom: x\nBÁO CÁO", "Xin gửi lại", "BÁO CÁO"),
        ("Trả lời.\nTừ: Sở GDĐT\nĐã gửi: Thứ Năm\nBÁO CÁO", "Trả lời", "BÁO CÁO"),
        ("BÁO CÁO\nSở GDĐT báo cáo như sau", "BÁO CÁO", "không có"),
    ],
)
def test_strip_quoted(body: str, kept: str, dropped: str) -> None:
    text = strip_quoted(body)
    assert kept in text and dropped not in text


@pytest.mark.parametrize(
    ("subject", "forward"),
    [("FW: Báo cáo QĐ 131", True), ("Fwd: BC", True), ("Chuyển tiếp: BC", True),
     ("RE: Báo cáo", False), ("Báo cáo FW", False), (None, False)],
)  # fmt: skip
def test_an_outlook_forward_keeps_the_original(subject: str | None, forward: bool) -> None:
    from flows.ingest import is_forward

    body = "Chuyển để tổng hợp.\nFrom: Sở GDĐT\nSent: Thứ Năm\nBÁO CÁO"
    assert is_forward(subject) is forward
    assert ("BÁO CÁO" in strip_quoted(body, forwarded=is_forward(subject))) is forward


@pytest.mark.parametrize(
    ("name", "data", "reason_has"),
    [
        ("winmail.dat", b"\x78\x9f\x3e\x22\x01\x00", "TNEF"),
        ("bao-cao.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "Word 97-2003"),
        ("bao-cao.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
         "mật khẩu"),
        ("anh.jpg", b"\xff\xd8\xff", "ảnh"),
        ("cu.doc", b"\xd0\xcf\x11\xe0", ".doc"),
        ("Inbox.msf", b"// <!-- <mdb:mork", "Thunderbird"),
        ("backup.pst", b"!BDN", ".pst"),
    ],
)  # fmt: skip
def test_unsupported_reason(name: str, data: bytes, reason_has: str) -> None:
    item = Item(locator="x", path="x", kind="attachment", name=name, depth=1, data=data)
    assert reason_has in unsupported_reason(item)


def test_zip_member_names_in_cp1258_are_decoded() -> None:
    from flows.ingest.archive import _zip_name

    builder = _heldout()
    archive = zipfile.ZipFile(io.BytesIO(builder.zip_legacy_names()))
    names = [_zip_name(info) for info in archive.infolist()]
    assert "Bao cao 2025/Báo cáo Bình Định.docx" in names
    assert json.dumps(names, ensure_ascii=False)  # printable, no surrogates


@pytest.mark.parametrize(
    ("header", "expected_utc"),
    [
        ("Thu, 6 Nov 2025 14:05:00 +0700", "2025-11-06T07:05:00+00:00"),
        ("Thứ Năm, 06/11/2025 14:05", "2025-11-06T07:05:00+00:00"),  # webmail, local time
        ("06/11/2025", "2025-11-05T17:00:00+00:00"),
        ("không rõ ngày", None),
    ],
)
def test_parse_date(header: str, expected_utc: str | None) -> None:
    from flows.ingest import parse_date

    value = parse_date(header)
    assert (value.isoformat() if value else None) == expected_utc


@pytest.mark.parametrize(
    ("content_type", "payload"),
    [
        ("text/plain; charset=x-vni", "Báo cáo Đà ".encode("cp1258")),  # unknown charset
        ("text/plain", "Báo cáo Đà ".encode()),  # no charset, UTF-8 bytes
        ("text/plain; charset=utf-8", "Báo cáo Đà ".encode()),
    ],
)
def test_body_charset_guess(content_type: str, payload: bytes) -> None:
    from flows.ingest.mail import expand_eml

    raw = f"From: a@b\nSubject: s\nContent-Type: {content_type}\n\n".encode() + payload * 100
    item = Item(locator="t.eml", path="t.eml", kind="file", name="t.eml", depth=0, data=raw)
    children, _ = expand_eml(item, Limits())
    assert children[0].data.decode().startswith("Báo cáo Đà")


def test_html_table_body_keeps_columns() -> None:
    from flows.ingest.mail import html_to_text

    html = ("<table><tr><td>STT</td><td>Nội dung</td><td>Số lượng</td></tr>"
            "<tr><td>1</td><td>Giáo viên có máy tính</td><td>12.345</td></tr></table>")  # fmt: skip
    lines = [line for line in html_to_text(html).splitlines() if line.strip()]
    assert lines[1].split("\t")[:3] == ["1", "Giáo viên có máy tính", "12.345"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Báo cáo " * 40 + ".docx", ".docx"),  # a long name keeps its format suffix
        ("C:\\Users\\vanthu\\Báo cáo.docx. ", "Báo cáo.docx"),
        ("../../x.docx", "x.docx"),
        ("=?UTF-8?B?QsOhbyBjw6FvLnBkZg==?=", "Báo cáo.pdf"),
    ],
)
def test_display_name(raw: str, expected: str) -> None:
    from flows.ingest import display_name

    name = display_name(raw)
    assert name is not None and len(name) <= 200 and name.endswith(expected)


def test_ooxml_under_an_unknown_suffix_is_read_as_docx() -> None:
    from flows.ingest import detect_format

    data = (ROOT / "samples/reports/haiphong_report.docx").read_bytes()
    item = Item(locator="x", path="x", kind="attachment", name="Báo cáo QĐ 131. bản cuối", depth=1, data=data)
    assert detect_format(item, data[:4096]) == ("docx", None)


@pytest.mark.parametrize(
    ("headers", "expected_utc"),
    [
        ("Date: Thu, 6 Nov 2025 14:05:00 +0700\n", "2025-11-06T07:05:00+00:00"),
        ("Received: from mx.example by mail.moet.gov.vn;\n Fri, 7 Nov 2025 09:00:00 +0700\n"
         "Received: from a by b; Fri, 7 Nov 2025 08:59:00 +0700\n", "2025-11-07T02:00:00+00:00"),
        ("X-Nothing: 1\n", None),
    ],
)  # fmt: skip
def test_message_date_falls_back_to_received(headers: str, expected_utc: str | None) -> None:
    import email
    import email.policy

    from flows.ingest import message_meta

    raw = f"From: a@b\nSubject: s\n{headers}\nbody\n".encode()
    meta = message_meta(email.message_from_bytes(raw, policy=email.policy.default), raw, "x")
    assert (meta.date.isoformat() if meta.date else None) == expected_utc


@pytest.mark.slow  # the held-out mailbox is run twice (heldout_run)
def test_every_file_in_the_export_folder_has_a_row(heldout_run: dict) -> None:
    inbox: Path = heldout_run["inbox"]
    files = {path.relative_to(inbox).as_posix() for path in inbox.rglob("*") if path.is_file()}
    locators = {row["locator"] for row in heldout_run["rows"]}
    assert files <= locators


class _FakeInner:
    def __init__(self, exported: bytes | None):
        self.exported, self.body = exported, "Nội dung thư được chuyển tiếp"

    def exportBytes(self, allowBadEmbed: bool = False) -> bytes:  # noqa: N802 - extract-msg's name
        if self.exported is None:
            raise ValueError("bad embed")
        return self.exported


class _FakeAttachment:
    def __init__(self, data: object, name: str):
        self.data, self.longFilename = data, name


class _FakeMsg:
    """The few extract-msg attributes ingestion reads (a real .msg cannot be written here)."""

    def __init__(self, attachments: list[_FakeAttachment], body: str | None, html: bytes | None):
        self.sender, self.date, self.messageId = "Sở GDĐT <a@b.vn>", None, "<m@b>"
        self.subject, self.body, self.htmlBody, self.attachments = "Báo cáo", body, html, attachments


@pytest.mark.parametrize(
    ("attachment", "names"),
    [
        (_FakeAttachment(_FakeInner(b"\xd0\xcf\x11\xe0 exported"), "Fwd báo cáo.msg"), ["Fwd báo cáo.msg"]),
        (_FakeAttachment(_FakeInner(None), "Fwd báo cáo"), ["Fwd báo cáo.txt"]),
        (_FakeAttachment(b"PK\x03\x04", "BC.docx"), ["BC.docx"]),
    ],
)
def test_msg_embedded_messages_keep_their_attachments(attachment: _FakeAttachment, names: list[str]) -> None:
    from flows.ingest.outlook import _msg_children

    item = Item(locator="a.msg", path="a.msg", kind="file", name="a.msg", depth=0, data=b"x")
    children, meta = _msg_children(_FakeMsg([attachment], "ngắn", None), item, Limits())
    assert [child.name for child in children] == names and meta.sender == "a@b.vn"


def test_msg_html_only_body_is_read() -> None:
    from flows.ingest.outlook import _msg_children

    html = ("<p>BÁO CÁO</p>" + "<p>Sở GDĐT tỉnh Quảng Trị báo cáo kết quả chuyển đổi số.</p>" * 20).encode()
    item = Item(locator="a.msg", path="a.msg", kind="file", name="a.msg", depth=0, data=b"x")
    children, _ = _msg_children(_FakeMsg([], None, html), item, Limits())
    assert children[0].kind == "body" and "Quảng Trị" in children[0].data.decode()


@pytest.mark.parametrize(
    ("raw", "messages"),
    [
        (b"Return-Path: <a@b>\nFrom: a@b\nSubject: s\n\nhello\n", 1),  # one message, no From_ line
        (b"From a@b Mon Nov  5 08:05:00 2025\nSubject: s\n\nhello\n", 1),
        (b"garbage, not mail\n", 0),
    ],
)
def test_mbox_without_from_line(raw: bytes, messages: int) -> None:
    from flows.guard import Rejected
    from flows.ingest.mbox import expand_mbox

    item = Item(locator="x.mbox", path="x.mbox", kind="file", name="x.mbox", depth=0, data=raw)
    if messages:
        assert len(expand_mbox(item, Limits())) == messages
    else:
        with pytest.raises(Rejected):
            expand_mbox(item, Limits())


@pytest.mark.slow  # the held-out mailbox is run twice (heldout_run)
def test_subjects_and_senders_are_decoded(heldout_run: dict) -> None:
    import sqlite3

    with sqlite3.connect(heldout_run["store"] / "baocao.db") as db:
        rows = dict(db.execute("select sender, subject from messages").fetchall())
    assert rows["vanthu@haiphong.gov.vn"] == "Báo cáo tổng kết Quyết định 131/QĐ-TTg"  # Q-encoded
    assert rows["vanthu@quangtri.gov.vn"].startswith("Báo cáo QĐ 131 tỉnh Quảng Trị")
    assert rows["sogddt@cantho.gov.vn"] == "Báo cáo QĐ 131 - Cần Thơ"  # inside message/rfc822

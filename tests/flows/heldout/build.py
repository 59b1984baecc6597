#!/usr/bin/env python
"""Build a held-out-style mailbox export, nastier than ``samples/mailbox/``.

Bytes are written by hand where the stdlib would tidy them up, because real exports
are not tidy: a Thunderbird ``Inbox`` file with no extension, unquoted and ``>From``
quoted body lines, CRLF line endings, RFC 2231 continuations, raw UTF-8 and
windows-1258 headers/bodies, TNEF, a forwarded message/rfc822, a reply quoting a
report, zips with CP437/cp1258 names, folders and an encrypted member, empty files.

``EXPECTED`` lists the provinces an export must show; ``build(out)`` writes the tree.
Deterministic: same bytes every time (fixed dates, boundaries and zip times).
"""

from __future__ import annotations

import base64
import io
import os
import quopri
import shutil
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
REPORTS = ROOT / "samples" / "reports"
SEEDS = ROOT / "samples" / "seeds"
VN = timezone(timedelta(hours=7))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\0" * 40

# province -> why it must be in the export
EXPECTED = {
    "Hải Phòng": "Thunderbird Inbox, RFC 2231 continued name",
    "Nghệ An": "raw UTF-8 file name in the header",
    "Quảng Trị": "report pasted into a windows-1258 body",
    "Cần Thơ": "forwarded as message/rfc822",
    "Lâm Đồng": "same report as DOCX and PDF",
    "Thanh Hóa": ".eml without a Date header, windows-1258 raw file name",
    "Gia Lai": "zip with folders and a cp1258 name (former Bình Định)",
    "Đắk Lắk": "zip member with the UTF-8 flag",
    "Tuyên Quang": "same workbook attached twice under two names",
}


def report(name: str) -> bytes:
    return (REPORTS / name).read_bytes()


def report_text(name: str) -> str:
    """The report as Outlook's plain-text part has it: paragraphs, table rows tab-separated."""
    from baocao.model import Table
    from readers import read_document

    lines = []
    for block in read_document(REPORTS / name).blocks:
        if isinstance(block, Table):
            lines += ["\t".join(cell.text.replace("\n", " ") for cell in row) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "\n".join(text[i : i + 76] for i in range(0, len(text), 76))


def rfc2231(name: str, chunk: int = 7) -> str:
    """name*0*=utf-8''…; name*1*=… (how Thunderbird writes long non-ASCII names)."""
    import re
    from urllib.parse import quote

    escapes = re.findall(r"%[0-9A-F]{2}|.", quote(name.encode("utf-8"), safe=""))
    # sections end between escapes, often inside a multi-byte letter (as Thunderbird does)
    parts = ["".join(escapes[i : i + chunk]) for i in range(0, len(escapes), chunk)]
    lines = []
    for index, part in enumerate(parts):
        prefix = "utf-8''" if index == 0 else ""
        lines.append(f" filename*{index}*={prefix}{part}")
    return ";\n".join(lines)


def qsubject(text: str) -> str:
    encoded = quopri.encodestring(text.encode("utf-8"), header=True).decode().replace("=\n", "")
    return f"=?UTF-8?Q?{encoded.replace('?', '=3F')}?="


def attachment(boundary: str, mime: str, disposition_params: str, data: bytes,
               disposition: str = "attachment", extra: str = "") -> str:  # fmt: skip
    return (
        f"--{boundary}\nContent-Type: {mime}\nContent-Transfer-Encoding: base64\n{extra}"
        f"Content-Disposition: {disposition};\n{disposition_params}\n\n{b64(data)}\n"
    )


def message(headers: dict[str, str], body: str, parts: list[str], boundary: str,
            body_charset: str = "utf-8", body_cte: str = "8bit") -> bytes:  # fmt: skip
    head = "".join(f"{key}: {value}\n" for key, value in headers.items())
    head += f'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="{boundary}"\n\n'
    text = (
        f"This is a multi-part message in MIME format.\n--{boundary}\n"
        f"Content-Type: text/plain; charset={body_charset}; format=flowed\n"
        f"Content-Transfer-Encoding: {body_cte}\n\n"
    )
    encoded_body = cp1258(body) if body_charset == "windows-1258" else body.encode(body_charset)
    if body_cte == "quoted-printable":
        encoded_body = quopri.encodestring(encoded_body)
    tail = "".join(parts) + f"--{boundary}--\n"
    return head.encode("utf-8") + text.encode() + encoded_body + b"\n" + tail.encode()


def date(day: int, hour: int = 8) -> str:
    from email.utils import format_datetime

    return format_datetime(datetime(2025, 11, day, hour, 5, tzinfo=VN))


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------


def msg_haiphong() -> bytes:
    name = "Báo cáo tổng kết thực hiện QĐ 131 - Sở Giáo dục và Đào tạo Hải Phòng.docx"
    parts = [attachment("hp1", f'{DOCX};\n name="=?UTF-8?B?{base64.b64encode(name.encode()).decode()}?="',
                        rfc2231(name), report("haiphong_report.docx"))]
    body = (
        "Kính gửi Bộ GDĐT,\n\nSở GDĐT Hải Phòng gửi báo cáo kèm theo.\n\n"
        "From the office of the Director: bản giấy gửi sau.\n"  # unquoted From line (mboxo export)
        ">From now on please use this address.\nTrân trọng.\n"
    )
    return message({"From": "=?UTF-8?Q?S=E1=BB=9F_GD=C4=90T_H=E1=BA=A3i_Ph=C3=B2ng?= <vanthu@haiphong.gov.vn>",
                    "To": "baocao131@moet.gov.vn", "Subject": qsubject("Báo cáo tổng kết Quyết định 131/QĐ-TTg"),
                    "Date": date(5), "Message-ID": "<ho-1@haiphong.gov.vn>"}, body, parts, "hp1")  # fmt: skip


def msg_nghean_raw_utf8() -> bytes:
    parts = [
        attachment("na1", DOCX, ' filename="Báo cáo Sở GDĐT Nghệ An.docx"', report("nghean_5col.docx")),
        attachment("na1", "image/png", ' filename="image001.png"', PNG, disposition="inline",
                   extra="Content-ID: <image001.png@01DC>\n"),
    ]  # fmt: skip
    return message({"From": "Sở GDĐT Nghệ An <sogddt@nghean.edu.vn>", "To": "baocao131@moet.gov.vn",
                    "Subject": "BC Đề án 131 - Nghệ An", "Date": date(6, 14),
                    "Message-ID": "<na-1@nghean.edu.vn>"}, "Gửi Bộ báo cáo.\n", parts, "na1")  # fmt: skip


def msg_quangtri_body() -> bytes:
    """The report pasted as text, in windows-1258 (decomposed tones), quoted-printable."""
    text = report_text("quangtri_remarks.docx")
    note = "Ghi chú: tệp đính kèm không mở được nên Sở dán nội dung báo cáo dưới đây.\n\n"
    latin1 = ("--hq1\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: "
              "quoted-printable\nContent-Disposition: inline\n\n" +
              quopri.encodestring("Envoyé depuis mon téléphone".encode("latin-1")).decode() + "\n")  # fmt: skip
    return message({"From": "Van thu So GDDT Quang Tri <vanthu@quangtri.gov.vn>", "To": "baocao131@moet.gov.vn",
                    "Subject": qsubject("Báo cáo QĐ 131 tỉnh Quảng Trị (nội dung trong thư)"),
                    "Date": date(11, 16), "Message-ID": "<qt-1@quangtri.gov.vn>"},
                   note + text, [latin1], "hq1", body_charset="windows-1258",
                   body_cte="quoted-printable")  # fmt: skip


def msg_forward_cantho() -> bytes:
    inner = message({"From": "Sở GDĐT Cần Thơ <sogddt@cantho.gov.vn>", "To": "vanphong@moet.gov.vn",
                     "Subject": "Báo cáo QĐ 131 - Cần Thơ", "Date": date(7, 9),
                     "Message-ID": "<ct-1@cantho.gov.vn>"}, "Kính gửi Văn phòng Bộ.\n",
                    [attachment("ct-in", DOCX, ' filename="BC131_CanTho.docx"', report("cantho_merged.docx"))],
                    "ct-in")  # fmt: skip
    outer = (
        "From: Văn phòng Bộ <vanphong@moet.gov.vn>\nTo: baocao131@moet.gov.vn\n"
        f"Subject: {qsubject('Fwd: Báo cáo QĐ 131 - Cần Thơ')}\nDate: {date(8, 10)}\n"
        "Message-ID: <fw-1@moet.gov.vn>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="fw1"\n\n--fw1\nContent-Type: text/plain; charset=utf-8\n\n'
        "Chuyển tiếp để tổng hợp.\n--fw1\nContent-Type: message/rfc822\n"
        'Content-Disposition: attachment; filename="Báo cáo QĐ 131 - Cần Thơ.eml"\n\n'
    ).encode()
    return outer + inner + b"\n--fw1--\n"


def msg_reply_quoting_haiphong() -> bytes:
    """The Ministry's reply quoting the whole Hải Phòng report: must not count as a report."""
    quoted = "\n".join("> " + line for line in (SEEDS / "001_haiphong_report.txt").read_text("utf-8").splitlines())
    body = ("Đề nghị Sở kiểm tra lại số liệu dòng 3 (tỉ lệ 100%).\n\n"
            "Vào Th 5, 6 thg 11, 2025 lúc 08:05 Sở GDĐT Hải Phòng <vanthu@haiphong.gov.vn> đã viết:\n"
            + quoted + "\n")  # fmt: skip
    return message({"From": "Phòng KHCNTT <khcntt@moet.gov.vn>", "To": "vanthu@haiphong.gov.vn",
                    "Subject": "Re: Báo cáo tổng kết Quyết định 131/QĐ-TTg", "Date": date(13, 9),
                    "Message-ID": "<re-1@moet.gov.vn>"}, body, [], "re1")  # fmt: skip


def msg_winmail() -> bytes:
    tnef = b"\x78\x9f\x3e\x22\x01\x00\x01\x06\x90\x08\x00" + b"\0" * 200
    parts = [attachment("tn1", "application/ms-tnef", ' filename="winmail.dat"', tnef)]
    return message({"From": "So GDDT Dak Lak <sogddt@daklak.gov.vn>", "To": "baocao131@moet.gov.vn",
                    "Subject": "Bao cao 131", "Date": date(9, 7), "Message-ID": "<tn-1@daklak.gov.vn>"},
                   "Gui kem bao cao.\n", parts, "tn1")  # fmt: skip


def msg_lamdong_two_formats() -> bytes:
    parts = [
        attachment("ld1", DOCX, ' filename="BC 131 Lam Dong.docx"', report("lamdong_prose.docx")),
        attachment("ld1", "application/pdf", ' filename="BC 131 Lam Dong.pdf"', report("lamdong_prose.pdf")),
        attachment("ld1", DOCX, ' filename="rong.docx"', b""),  # a 0-byte attachment
    ]
    return message({"From": "Sở GDĐT Lâm Đồng <sogddt@lamdong.gov.vn>", "To": "baocao131@moet.gov.vn",
                    "Subject": qsubject("Báo cáo QĐ 131 - Lâm Đồng (Word và PDF)"), "Date": date(10, 15),
                    "Message-ID": "<ld-1@lamdong.gov.vn>"}, "Gửi Bộ hai bản Word và PDF.\n", parts, "ld1")  # fmt: skip


def msg_tuyenquang_twice() -> bytes:
    data = report("tuyenquang_appendix.xlsx")
    parts = [attachment("tq1", XLSX, ' filename="Phu luc 2 - Tuyen Quang.xlsx"', data),
             attachment("tq1", XLSX, ' filename="PL2_TQ (1).xlsx"', data)]  # fmt: skip
    return message({"From": "Sở GDĐT Tuyên Quang <sogddt@tuyenquang.gov.vn>", "To": "baocao131@moet.gov.vn",
                    "Subject": "Phụ lục 2 - Tuyên Quang", "Date": date(12, 8),
                    "Message-ID": "<tq-1@tuyenquang.gov.vn>"}, "Gửi Bộ Phụ lục 2.\n", parts, "tq1")  # fmt: skip


def msg_thanhhoa_no_date() -> bytes:
    parts = [attachment("th1", "application/pdf", ' filename="Bao cao Thanh Hoa.pdf"', report("thanhhoa_long.pdf"))]
    raw = message({"From": "Sở GDĐT Thanh Hóa <vanthu@thanhhoa.edu.vn>", "To": "baocao131@moet.gov.vn",
                   "Subject": qsubject("Báo cáo kết quả thực hiện Đề án 131"),
                   "Message-ID": "<th-1@thanhhoa.edu.vn>"}, "Sở GDĐT Thanh Hóa gửi báo cáo.\n", parts, "th1")  # fmt: skip
    # an old client: the file name in raw windows-1258 bytes, no RFC 2047/2231 encoding
    return raw.replace(b'"Bao cao Thanh Hoa.pdf"', b'"' + cp1258("Báo cáo Thanh Hóa.pdf") + b'"')


# ---------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------


def mbox(messages: list[tuple[str, int, bytes]], *, rd: bool, crlf: bool) -> bytes:
    """mboxrd quotes every '>*From ' body line; mboxo (rd=False) leaves some unquoted."""
    out = []
    for sender, day, raw in messages:
        lines = []
        for line in raw.decode("utf-8", errors="surrogateescape").split("\n"):
            stripped = line.lstrip(">")
            if rd and stripped.startswith("From "):
                line = ">" + line
            lines.append(line)
        text = "\n".join(lines).encode("utf-8", errors="surrogateescape")
        out.append(f"From {sender} Mon Nov {day:2d} 08:05:00 2025\n".encode() + text + b"\n\n")
    data = b"".join(out)
    return data.replace(b"\n", b"\r\n") if crlf else data


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 11, 10, 8, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def patch_names(data: bytes, renames: dict[bytes, bytes], clear_utf8: bool = True, encrypt: bool = False) -> bytes:
    """Swap same-length ASCII placeholder names for raw legacy bytes; clear the UTF-8 flag."""
    for placeholder, raw in renames.items():
        assert len(placeholder) == len(raw)
        data = data.replace(placeholder, raw)
    out = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            flags = int.from_bytes(out[at + flag_at : at + flag_at + 2], "little")
            if clear_utf8:
                flags &= ~0x800
            if encrypt:
                flags |= 0x1
            out[at + flag_at : at + flag_at + 2] = flags.to_bytes(2, "little")
            start = at + 4
    return bytes(out)


def cp1258(text: str) -> bytes:
    """windows-1258 has â ê ô ơ ư ă đ; tones are written as combining marks after them."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
            out += letter.encode("cp1258") + "".join(m for m in marks if m in tones).encode("cp1258")
    return out


def zip_legacy_names() -> bytes:
    """Windows 'Send to compressed folder': folders, a cp1258 name, no UTF-8 flag."""
    raw_name = cp1258("Báo cáo Bình Định.docx")
    placeholder = b"X" * len(raw_name)
    folder = b"Bao cao 2025/"
    data = zip_bytes([
        (folder.decode(), b""),
        ((folder + b"Du thao/").decode(), b""),
        ((folder + placeholder).decode(), report("binhdinh_former_name.docx")),
        ((folder + b"Du thao/ghi chu.txt").decode(), "Bản dự thảo, không dùng.\n".encode()),
    ])  # fmt: skip
    return patch_names(data, {folder + placeholder: folder + raw_name})


def zip_utf8_flag() -> bytes:
    return zip_bytes([("Báo cáo/Đắk Lắk - Phụ lục 2.xlsx", report("daklak_units.xlsx"))])


def zip_encrypted() -> bytes:
    data = zip_bytes([("bao cao mat.docx", report("quangtri_remarks.docx"))])
    return patch_names(data, {}, clear_utf8=False, encrypt=True)


def build(out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    tb = out / "Thunderbird" / "Profiles" / "abcd.default" / "Mail" / "Local Folders"
    tb.mkdir(parents=True)
    (out / "le").mkdir()
    (out / "tai-ve" / "nen").mkdir(parents=True)
    inbox = [
        ("vanthu@haiphong.gov.vn", 5, msg_haiphong()),
        ("sogddt@nghean.edu.vn", 6, msg_nghean_raw_utf8()),
        ("khcntt@moet.gov.vn", 13, msg_reply_quoting_haiphong()),
    ]
    (tb / "Inbox").write_bytes(mbox(inbox, rd=False, crlf=False))  # Thunderbird: no extension
    # the same Nghệ An message filed again in another folder: a duplicate message
    (tb / "Sent").write_bytes(mbox([("sogddt@nghean.edu.vn", 6, msg_nghean_raw_utf8())], rd=False, crlf=False))
    (tb / "Inbox.msf").write_bytes(b"// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> >\n")
    outlook = [
        ("vanthu@quangtri.gov.vn", 11, msg_quangtri_body()),
        ("sogddt@daklak.gov.vn", 9, msg_winmail()),
        ("sogddt@lamdong.gov.vn", 10, msg_lamdong_two_formats()),
        ("sogddt@tuyenquang.gov.vn", 12, msg_tuyenquang_twice()),
    ]
    (out / "xuat-tu-outlook.mbox").write_bytes(mbox(outlook, rd=True, crlf=True))
    (out / "le" / "Fwd Bao cao Can Tho.eml").write_bytes(msg_forward_cantho().replace(b"\n", b"\r\n"))
    (out / "le" / "thu-khong-ngay.eml").write_bytes(msg_thanhhoa_no_date())
    (out / "tai-ve" / "nen" / "BaoCao.zip").write_bytes(zip_legacy_names())
    # a saved message zipped by hand: opened, and its report is a duplicate of le/
    (out / "tai-ve" / "nen" / "thu-luu.zip").write_bytes(zip_bytes([("Thu/bao cao.eml", msg_thanhhoa_no_date())]))
    (out / "tai-ve" / "nen" / "DakLak.zip").write_bytes(zip_utf8_flag())
    (out / "tai-ve" / "nen" / "co-mat-khau.zip").write_bytes(zip_encrypted())
    (out / "tai-ve" / "trong.pdf").write_bytes(b"")
    (out / "tai-ve" / "bao-cao-word97.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    stamp = datetime(2025, 11, 15, 17, 0, tzinfo=VN).timestamp()
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, (stamp, stamp))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))

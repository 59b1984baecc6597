#!/usr/bin/env python
"""Build ``samples/mailbox/``: a realistic mailbox export folder for `baocao run`.

What it contains (and the fate each input should get):

* ``hop-thu-den-2025-11.mbox``: eight messages
  1. Hải Phòng report (.docx, RFC 2231 Vietnamese file name, RFC 2047 subject) → processed
  2. Nghệ An report (.docx) → processed
  3. a forward of message 1 by the Ministry office (same attachment bytes) → duplicate
  4. Hải Phòng's corrected resubmission, a week later (one value fixed) → processed, and
     the one that counts in exports
  5. the blank Ministry template sent back by mistake → not_a_report
  6. Lâm Đồng's PDF cut off in transit → failed
  7. Cần Thơ report whose attachment is named ``../../../../tmp/evil.docx`` → processed,
     nothing written outside the store
  8. Lâm Đồng's report zipped with a note → zip opened, report processed
* ``le/bao-cao-thanh-hoa.eml``: one saved message with the Thanh Hóa PDF → processed
* ``tai-ve/``: files saved by hand: the Tuyên Quang workbook (.xlsx, processed), the Bình
  Định report zipped (processed, former province → Gia Lai), an old Word 97 ``.doc``
  (unsupported) and a ``.docx`` that is not a zip at all (failed)

Attachments come from ``samples/reports/`` (built by scripts/build_samples.py).  The
output is deterministic (fixed dates, MIME boundaries and zip times), so re-running the
script gives byte-identical files and `baocao run` sees nothing new.
"""

from __future__ import annotations

import io
import mailbox
import shutil
import sys
import time
import zipfile
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "samples" / "reports"
OUT = ROOT / "samples" / "mailbox"
VN = timezone(timedelta(hours=7))
MINISTRY = "baocao131@moet.gov.vn"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report(name: str) -> bytes:
    path = REPORTS / name
    if not path.exists():
        sys.exit(f"thiếu {path}: hãy chạy scripts/build_samples.py trước")
    return path.read_bytes()


def corrected_haiphong() -> bytes:
    """The Hải Phòng report with the Internet-teachers line fixed (5300 → 51.608, 97,1%)."""
    import docx

    document = docx.Document(io.BytesIO(report("haiphong_report.docx")))
    fixed = 0
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if "Internet: 5300 đạt tỉ lệ: 100%" in run.text:
                            run.text = run.text.replace("5300 đạt tỉ lệ: 100%", "51.608 đạt tỉ lệ: 97,1%")
                            fixed += 1
    if not fixed:
        sys.exit("không tìm thấy dòng cần sửa trong haiphong_report.docx")
    stamp = datetime(2025, 11, 12, 9, 0)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member times so the bytes do not depend on today."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return make_zip([(info.filename, source.read(info)) for info in source.infolist()])


def make_zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 11, 10, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def message(
    index: int,
    sender: str,
    subject: str,
    date: datetime,
    body: str,
    attachments: list[tuple[str, bytes, str]],
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = MINISTRY
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = f"<baocao-sample-{index}@mailbox.example>"
    msg.set_content(body)
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    msg.set_boundary(f"=====baocao-sample-{index}=====")
    return msg


def messages() -> list[EmailMessage]:
    haiphong = report("haiphong_report.docx")
    truncated_pdf = report("haiphong_report.pdf")[:1500].replace(b"Hai Phong", b"Lam Dong")
    zipped = make_zip([
        ("Báo cáo QĐ 131 - Lâm Đồng.docx", report("lamdong_prose.docx")),
        ("Ghi chú.txt", "Gửi kèm báo cáo, bản giấy gửi theo đường bưu điện.\n".encode()),
    ])  # fmt: skip
    day = lambda d, h=8: datetime(2025, 11, d, h, 15, tzinfo=VN)  # noqa: E731
    return [
        message(1, "Sở GDĐT Hải Phòng <vanthu.sogddt@haiphong.gov.vn>",
                "Báo cáo tổng kết thực hiện Quyết định số 131/QĐ-TTg", day(5),
                "Kính gửi Bộ Giáo dục và Đào tạo,\nSở GDĐT thành phố Hải Phòng gửi kèm báo cáo "
                "theo Văn bản số 6541/BGDĐT-KHCNTT.\nTrân trọng.",
                [("Báo cáo 131 - Sở GDĐT Hải Phòng.docx", haiphong, DOCX)]),
        message(2, "So Giao duc va Dao tao Nghe An <sogddt@nghean.edu.vn>",
                "BC tổng kết Đề án 131 - Nghệ An", day(6, 14),
                "Sở GD&ĐT Nghệ An trân trọng gửi báo cáo.",
                [("BC_131_NgheAn.docx", report("nghean_5col.docx"), DOCX)]),
        message(3, "Văn phòng Bộ <vanphong@moet.gov.vn>",
                "Fwd: Báo cáo tổng kết thực hiện Quyết định số 131/QĐ-TTg", day(7, 10),
                "Chuyển tiếp báo cáo của Sở GDĐT Hải Phòng để tổng hợp.",
                [("Báo cáo 131 - Sở GDĐT Hải Phòng.docx", haiphong, DOCX)]),
        message(4, "Sở GDĐT Hải Phòng <vanthu.sogddt@haiphong.gov.vn>",
                "V/v gửi lại báo cáo QĐ 131 (bản đã chỉnh sửa số liệu)", day(12, 9),
                "Sở GDĐT Hải Phòng xin gửi lại báo cáo đã chỉnh sửa số liệu giáo viên có Internet; "
                "đề nghị sử dụng bản này thay cho bản gửi ngày 05/11.",
                [("Báo cáo 131 - Hải Phòng (bản sửa).docx", corrected_haiphong(), DOCX)]),
        message(5, "Phòng KHTC Sở GDĐT <khtc@sogd.example.vn>",
                "Mẫu biểu báo cáo", day(8, 16),
                "Gửi lại mẫu biểu để các đơn vị điền.",
                [("Mau bieu Phu luc 2.docx", report("ministry_template_blank.docx"), DOCX)]),
        message(6, "Sở GDĐT Lâm Đồng <sogddt@lamdong.gov.vn>",
                "Báo cáo QĐ 131 - Lâm Đồng", day(9, 11),
                "Gửi Bộ báo cáo (bản PDF).",
                [("Bao cao 131 Lam Dong.pdf", truncated_pdf, "application/pdf")]),
        message(7, "Sở GDĐT Cần Thơ <sogddt@cantho.gov.vn>",
                "Báo cáo tổng kết QĐ 131 - Cần Thơ", day(10, 15),
                "Kính gửi Bộ GDĐT báo cáo của Sở.",
                [("../../../../tmp/evil.docx", report("cantho_merged.docx"), DOCX)]),
        message(8, "Sở GDĐT Lâm Đồng <sogddt@lamdong.gov.vn>",
                "Gửi lại báo cáo QĐ 131 - Lâm Đồng (bản Word, nén)", day(11, 8),
                "Do bản PDF bị lỗi, Sở gửi lại bản Word.",
                [("Bao cao Lam Dong.zip", zipped, "application/zip")]),
    ]  # fmt: skip


def write_mbox(path: Path, items: list[EmailMessage]) -> None:
    if path.exists():
        path.unlink()
    box = mailbox.mbox(path, create=True)
    try:
        for item in items:
            entry = mailbox.mboxMessage(item)
            date = datetime.strptime(item["Date"], "%a, %d %b %Y %H:%M:%S %z")
            sender = item["From"].addresses[0].addr_spec
            entry.set_from(sender, time.gmtime(date.timestamp()))
            box.add(entry)
        box.flush()
    finally:
        box.close()


def build(out: Path = OUT) -> Path:
    if out.exists():
        shutil.rmtree(out)
    (out / "le").mkdir(parents=True)
    (out / "tai-ve").mkdir()
    write_mbox(out / "hop-thu-den-2025-11.mbox", messages())
    thanhhoa = message(
        9, "Sở Giáo dục và Đào tạo Thanh Hóa <vanthu@thanhhoa.edu.vn>",
        "Báo cáo kết quả thực hiện Đề án theo Quyết định 131/QĐ-TTg",
        datetime(2025, 11, 10, 7, 30, tzinfo=VN), "Sở GDĐT Thanh Hóa gửi báo cáo (tệp PDF).",
        [("Báo cáo Thanh Hóa.pdf", report("thanhhoa_long.pdf"), "application/pdf")],
    )  # fmt: skip
    (out / "le" / "bao-cao-thanh-hoa.eml").write_bytes(bytes(thanhhoa))
    (out / "tai-ve" / "tuyenquang_phu_luc_2.xlsx").write_bytes(report("tuyenquang_appendix.xlsx"))
    (out / "tai-ve" / "bao-cao-binh-dinh.zip").write_bytes(
        make_zip([("BaoCao_BinhDinh.docx", report("binhdinh_former_name.docx"))])
    )
    (out / "tai-ve" / "bao-cao-cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    (out / "tai-ve" / "bao-cao-hong.docx").write_bytes(b"Day khong phai tep Word.\n" * 20)
    stamp = datetime(2025, 11, 15, 17, 0, tzinfo=VN).timestamp()
    for path in out.rglob("*"):
        if path.is_file():
            import os

            os.utime(path, (stamp, stamp))
    return out


if __name__ == "__main__":
    target = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"đã tạo {target}")

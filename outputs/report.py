"""``baocao report``: the national summary the Department sends upward, as DOCX (and PDF).

Sections: who has and has not reported (all 34 named), the national figures of the 25
lines, charts (rate per unit for the headline lines, the completeness grid), the main
anomalies per province (open errors and warnings), the most-cited legal documents.
Every field taken from a document goes through ``outputs.neutral.text``.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from docx.document import Document
from docx.shared import Cm
from sqlalchemy import Engine

from outputs import charts, docstyle
from outputs.neutral import text, vn_number, vn_rate
from outputs.snapshot import Snapshot, build_snapshot
from store.db import session_scope

ANOMALIES_PER_PROVINCE = 5
TOP_CITATIONS = 10
PDF_TIMEOUT_S = 180


class ReportError(Exception):
    """A user-facing (Vietnamese) reason the report could not be written."""


def write_report(engine: Engine, out: str | Path, *, pdf: bool = False) -> Path:
    """Write the DOCX (and with ``pdf`` a PDF beside it); return the last file written."""
    out = Path(out)
    with session_scope(engine) as session:
        snapshot = build_snapshot(session)
        document = build_report(snapshot)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return to_pdf(out) if pdf else out


def build_report(snapshot: Snapshot) -> Document:
    document = docstyle.blank()
    docstyle.letterhead(document, "……/BC-BGDĐT")
    docstyle.centered(document, "BÁO CÁO", bold=True, size=14)
    docstyle.centered(document, "Tổng hợp kết quả báo cáo tổng kết thực hiện Quyết định số 131/QĐ-TTg "
                      "ngày 25/01/2022 của Thủ tướng Chính phủ", bold=True)  # fmt: skip
    docstyle.centered(document, "(theo Văn bản số 6541/BGDĐT-KHCNTT ngày 16/10/2025)", italic=True)
    _submissions(document, snapshot)
    _national(document, snapshot)
    _charts(document, snapshot)
    _anomalies(document, snapshot)
    _citations(document, snapshot)
    docstyle.signature(document, ["Lãnh đạo Bộ (để b/c)", "Cục KHCNTT", "Lưu: VT"])
    return document


def _submissions(document: Document, snapshot: Snapshot) -> None:
    total, done = len(snapshot.provinces), snapshot.reporting
    docstyle.heading(document, "I. TÌNH HÌNH NỘP BÁO CÁO")
    docstyle.body(document, f"Đến thời điểm tổng hợp, Bộ nhận được báo cáo của {len(done)}/{total} "
                  f"tỉnh, thành phố; còn {total - len(done)} tỉnh, thành phố chưa gửi báo cáo.")  # fmt: skip
    rows = [[str(i), p.name, "Đã nộp" if p.reported else "Chưa nộp",
             text(p.document.own_number) if p.document else "",
             text(p.document.report_date) if p.document else ""]
            for i, p in enumerate(snapshot.provinces, start=1)]  # fmt: skip
    docstyle.table(document, ["STT", "Tỉnh, thành phố", "Tình trạng", "Số, ký hiệu", "Ngày báo cáo"], rows,
                   [1.2, 4.5, 2.8, 4.0, 3.0])  # fmt: skip


def _national(document: Document, snapshot: Snapshot) -> None:
    docstyle.heading(document, "II. SỐ LIỆU TỔNG HỢP CẢ NƯỚC (PHỤ LỤC 2)")
    docstyle.body(document, "Số lượng là tổng của các tỉnh, thành phố có số liệu. Tỉ lệ cả nước được tính "
                  "lại từ tổng số lượng và tổng mẫu số (mẫu số của mỗi tỉnh suy ra từ số lượng và tỉ lệ "
                  "tỉnh đó báo cáo), không lấy trung bình các tỉ lệ; dòng nào thiếu mẫu số thì để trống.",
                  italic=True)  # fmt: skip
    rows = []
    for line in snapshot.lines:
        national = snapshot.national[line.code]
        rows.append([line.code, line.label, vn_number(national.count), vn_rate(national.rate, 1),
                     str(national.count_provinces)])  # fmt: skip
    docstyle.table(document, ["Mã", "Chỉ tiêu", "Số lượng", "Tỉ lệ", "Số tỉnh có số liệu"], rows,
                   [1.2, 7.8, 2.8, 2.0, 2.2])  # fmt: skip


def _charts(document: Document, snapshot: Snapshot) -> None:
    docstyle.heading(document, "III. BIỂU ĐỒ")
    for code in charts.HEADLINE_LINES:
        if any(line.code == code for line in snapshot.lines):
            document.add_picture(io.BytesIO(charts.rate_chart(snapshot, code)), width=Cm(15.5))
    document.add_picture(io.BytesIO(charts.completeness_chart(snapshot)), width=Cm(15.5))


def _anomalies(document: Document, snapshot: Snapshot) -> None:
    docstyle.heading(document, "IV. NHỮNG ĐIỂM BẤT THƯỜNG CHÍNH THEO TỪNG TỈNH, THÀNH PHỐ")
    flagged = [p for p in snapshot.reporting if any(f.severity in ("error", "warning") for f in p.open_flags)]
    if not flagged:
        docstyle.body(document, "Không còn lỗi hoặc cảnh báo nào chưa được xử lý.")
    for province in flagged:
        counts = province.severity_counts()
        docstyle.body(document, f"{province.name}: {counts.get('error', 0)} lỗi, {counts.get('warning', 0)} "
                      "cảnh báo chưa xử lý.")  # fmt: skip
        ranked = sorted((f for f in province.open_flags if f.severity in ("error", "warning")),
                        key=lambda f: (f.severity != "error", f.id))  # fmt: skip
        for flag in ranked[:ANOMALIES_PER_PROVINCE]:
            lines = f" (dòng {', '.join(flag.indicators)})" if flag.indicators else ""
            document.add_paragraph(f"- {'Lỗi' if flag.severity == 'error' else 'Cảnh báo'}{lines}: "
                                   f"{text(flag.message)}")  # fmt: skip


def _citations(document: Document, snapshot: Snapshot) -> None:
    docstyle.heading(document, "V. VĂN BẢN ĐƯỢC TRÍCH DẪN NHIỀU NHẤT")
    if not snapshot.citations:
        docstyle.body(document, "Chưa có văn bản trích dẫn nào.")
        return
    rows = [[str(i), text(cid), str(provinces), str(mentions)]
            for i, (cid, mentions, provinces) in enumerate(snapshot.citations[:TOP_CITATIONS], start=1)]  # fmt: skip
    docstyle.table(document, ["STT", "Văn bản", "Số tỉnh trích dẫn", "Số lần trích dẫn"], rows,
                   [1.2, 7.0, 3.5, 3.5])  # fmt: skip


def to_pdf(docx: Path) -> Path:
    """Convert with LibreOffice headless (own profile folder, so a running office is untouched)."""
    with tempfile.TemporaryDirectory(prefix="baocao-lo-") as profile:
        command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(docx.parent), str(docx)]  # fmt: skip
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=PDF_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError) as exc:
            raise ReportError(f"không chuyển được sang PDF bằng LibreOffice: {exc}") from exc
    pdf = docx.with_suffix(".pdf")
    if not pdf.exists():
        raise ReportError("LibreOffice không tạo ra tệp PDF")
    return pdf

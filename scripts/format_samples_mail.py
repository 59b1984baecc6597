"""The ``email`` samples of ``scripts/build_format_samples.py``: the report in the message body.

A province with no time to fill the Word template pastes the appendix into the mail: as an
HTML table (each cell's text in a ``<p class="MsoNormal">``, long labels broken by ``<br>``,
as Outlook writes it; Outlook also writes a plain-text alternative where every cell is on its own
line, which loses the rows: the HTML part must be read), or as tab-aligned plain text.
"""

from __future__ import annotations

from email.message import EmailMessage
from html import escape

from build_samples import ITEM_SHORT_TITLES, SECTIONS, Variant, fmt_count, fmt_rate

from normalizers.text import strip_diacritics


def ascii_name(province: str) -> str:
    return strip_diacritics(province).lower().replace(" ", "").replace(".", "")


def _intro(v: Variant) -> list[str]:
    day, month, year = v.date
    return [
        "Kính gửi: Bộ Giáo dục và Đào tạo (Cục Khoa học, Công nghệ và Thông tin)",
        f"Thực hiện Công văn số 6541/BGDĐT-KHCNTT của Bộ GDĐT về việc báo cáo tổng kết thực hiện "
        f"Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ, Sở Giáo dục và Đào tạo "
        f"{v.unit} gửi số liệu Phụ lục 2 (Báo cáo số {v.number} ngày {day}/{month}/{year}) ngay trong thư "
        "này do hệ thống văn bản điện tử đang gián đoạn; bản ký số sẽ gửi bổ sung sau.",
        "PHỤ LỤC 2. BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ GIAI ĐOẠN 2022-2025 THỰC HIỆN QUYẾT ĐỊNH 131/QĐ-TTg",
    ]


def _rows(v: Variant) -> list[list[str]]:
    rows = [["STT", "Nội dung", "Chỉ tiêu", "Số lượng", f"{v.ti_le.capitalize()} (%)"]]
    for roman, title, items in SECTIONS:
        rows.append([roman, title.upper(), "", "", ""])
        for item in items:
            for index, line in enumerate(v.lines[item]):
                value = fmt_count(line.reading.value, v.count_style) if line.reading.value is not None else ""
                rate = fmt_rate(line.reading.rate, v.rate_style, sign="") if line.reading.rate is not None else ""
                rows.append([f"{item}.{index + 1}", ITEM_SHORT_TITLES[item] if index == 0 else "", line.label,
                             value, rate])  # fmt: skip
    return rows


def _message(v: Variant) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Văn phòng Sở GDĐT {v.province} <vanphong@{ascii_name(v.province)}.edu.vn>"
    message["To"] = "Cục KHCN&TT - Bộ GDĐT <khcntt@moet.gov.vn>"
    message["Subject"] = f"Báo cáo thực hiện Quyết định 131/QĐ-TTg - Sở GDĐT {v.province}"
    message["Message-ID"] = f"<{v.stem}@{ascii_name(v.province)}.edu.vn>"
    return message


def _outlook_cell(text: str) -> str:
    """A cell as Outlook writes it: the text in a MsoNormal paragraph, long labels broken."""
    words = escape(text).split(" ")
    if len(words) > 8:  # a long label wraps with a line break, as pasted from Word
        words[len(words) // 2] = "<br>" + words[len(words) // 2]
    body = " ".join(words) or "&nbsp;"
    return f'<td valign="top" style="border:solid windowtext 1.0pt"><p class="MsoNormal">{body}<o:p></o:p></p></td>'


def html_table_message(v: Variant) -> EmailMessage:
    rows = _rows(v)
    message = _message(v)
    plain = "\n\n".join(_intro(v)) + "\n\n" + "\n".join(cell for row in rows for cell in row if cell)
    message.set_content(plain + "\n\nTrân trọng./.\n")
    cells = "".join("<tr>" + "".join(_outlook_cell(c) for c in row) + "</tr>\n" for row in rows)
    html = ("<html><body>" + "".join(f"<p>{escape(p)}</p>" for p in _intro(v))
            + f'<table border="1" cellspacing="0">\n{cells}</table><p>Trân trọng./.</p></body></html>')  # fmt: skip
    message.add_alternative(html, subtype="html")
    return message


def plain_table_message(v: Variant) -> EmailMessage:
    message = _message(v)
    table = "\n".join("\t".join(row) for row in _rows(v))
    message.set_content("\n\n".join(_intro(v)) + "\n\n" + table + "\n\nTrân trọng./.\n")
    return message

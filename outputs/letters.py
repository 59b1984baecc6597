"""``baocao letters``: what the Ministry writes back to each Sở GDĐT.

- a reporting province with open errors/warnings gets a request to check and correct:
  one table row per problem (line code, the figure as read, where it is in the report,
  what to check: the flag's message and the rule's explanation);
- a reporting province without them gets a short acknowledgement;
- a province that has not reported gets a reminder.

File names are ASCII slugs in the Ministry's order (``03-hai-phong-de-nghi-ra-soat.docx``);
the Vietnamese name is in the letter.  Fields from documents go through ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from sqlalchemy import Engine

from outputs import docstyle
from outputs.neutral import slugify, text, vn_number, vn_rate
from outputs.snapshot import FlagInfo, ProvinceReport, Snapshot, build_snapshot
from store.db import session_scope

SUBJECT = "V/v báo cáo tổng kết thực hiện Quyết định số 131/QĐ-TTg"
KINDS = {"review": "de-nghi-ra-soat", "thanks": "xac-nhan", "reminder": "nhac-nop"}


@dataclass(frozen=True)
class Letter:
    province: str
    kind: str  # review | thanks | reminder
    path: Path
    problems: int


def write_letters(engine: Engine, out: str | Path) -> list[Letter]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with session_scope(engine) as session:
        snapshot = build_snapshot(session)
        letters = []
        for index, province in enumerate(snapshot.provinces, start=1):
            kind, problems, document = build_letter(snapshot, province)
            path = out / f"{index:02d}-{slugify(province.name)}-{KINDS[kind]}.docx"
            document.save(str(path))
            letters.append(Letter(province.name, kind, path, len(problems)))
    return letters


def problems_of(province: ProvinceReport) -> list[FlagInfo]:
    return sorted((f for f in province.open_flags if f.severity in ("error", "warning")),
                  key=lambda f: (f.severity != "error", f.id))  # fmt: skip


def build_letter(snapshot: Snapshot, province: ProvinceReport) -> tuple[str, list[FlagInfo], Document]:
    document = docstyle.blank()
    docstyle.letterhead(document, "……/BGDĐT-KHCNTT")
    problems = problems_of(province)
    kind = "reminder" if not province.reported else "review" if problems else "thanks"
    docstyle.centered(document, SUBJECT, italic=True, size=12)
    docstyle.centered(document, f"Kính gửi: Sở Giáo dục và Đào tạo {province.name}", bold=False)
    if kind == "reminder":
        _reminder(document, snapshot)
    elif kind == "thanks":
        _thanks(document, province)
    else:
        _review(document, province, problems, {line.code: line.short for line in snapshot.lines})
    docstyle.signature(document, ["Như trên", "Lưu: VT, KHCNTT"], signer="TL. BỘ TRƯỞNG")
    return kind, problems, document


def _received(province: ProvinceReport) -> str:
    document = province.document
    number = text(document.own_number) if document and document.own_number else "không ghi số"
    date = text(document.report_date) if document and document.report_date else "không ghi ngày"
    return f"báo cáo số {number} ({date})"


def _thanks(document: Document, province: ProvinceReport) -> None:
    docstyle.body(document, f"Bộ Giáo dục và Đào tạo đã nhận {_received(province)} của Sở về kết quả thực hiện "
                  "Quyết định số 131/QĐ-TTg. Số liệu Phụ lục 2 đã được tiếp nhận và tổng hợp; hiện chưa phát "
                  "hiện điểm nào cần Sở rà soát lại. Trân trọng cảm ơn sự phối hợp của Sở.")  # fmt: skip


def _reminder(document: Document, snapshot: Snapshot) -> None:
    docstyle.body(document, "Thực hiện Văn bản số 6541/BGDĐT-KHCNTT ngày 16/10/2025 của Bộ Giáo dục và Đào tạo "
                  "về việc báo cáo tổng kết thực hiện Quyết định số 131/QĐ-TTg, đến nay Bộ chưa nhận được báo "
                  f"cáo của Sở (đã nhận {len(snapshot.reporting)}/{len(snapshot.provinces)} tỉnh, thành phố).")
    docstyle.body(document, "Đề nghị Sở khẩn trương hoàn thành và gửi báo cáo kèm Phụ lục 2 (biểu số liệu thống "
                  "kê) về Bộ (qua Cục Khoa học, Công nghệ và Thông tin) để Bộ kịp tổng hợp.")  # fmt: skip


def _review(document: Document, province: ProvinceReport, problems: list[FlagInfo], labels: dict[str, str]) -> None:
    docstyle.body(document, f"Bộ Giáo dục và Đào tạo đã nhận {_received(province)} của Sở. Khi tổng hợp số liệu, "
                  f"Bộ nhận thấy {len(problems)} điểm cần Sở rà soát lại, cụ thể như sau:")  # fmt: skip
    rows = [[str(i), _lines(flag, labels), _figures(province, flag), _where(flag), _what_to_check(flag)]
            for i, flag in enumerate(problems, start=1)]  # fmt: skip
    header = ["TT", "Chỉ tiêu", "Số liệu Bộ đọc được", "Vị trí trong báo cáo", "Nội dung cần kiểm tra"]
    docstyle.table(document, header, rows, [1.0, 3.2, 3.0, 3.0, 5.8])
    docstyle.body(document, "Đề nghị Sở kiểm tra các nội dung trên; nếu số liệu có sai sót, gửi lại báo cáo (hoặc "
                  "Phụ lục 2) đã chỉnh sửa về Bộ; nếu số liệu đúng, đề nghị Sở xác nhận và giải thích ngắn gọn.")


def _lines(flag: FlagInfo, labels: dict[str, str]) -> str:
    if not flag.indicators:
        return "Chung"
    return "; ".join(f"{code}. {labels.get(code, '')}".strip() for code in flag.indicators)


def _figures(province: ProvinceReport, flag: FlagInfo) -> str:
    parts = []
    for code in flag.indicators:
        cell = province.cells.get(code)
        if cell is None:
            parts.append(f"{code}: không có")
            continue
        parts.append(f"{code}: {vn_number(cell.value)}; {vn_rate(cell.rate, cell.rate_decimals)}")
    return "\n".join(parts) or "—"


def _where(flag: FlagInfo) -> str:
    from review.queries import describe_location

    return describe_location(flag.location) or "—"


def _what_to_check(flag: FlagInfo) -> str:
    from review.reference import rule_explanation

    explanation = rule_explanation(flag.code)
    hint = f"\n{explanation}" if explanation else ""
    return text(flag.message) + hint

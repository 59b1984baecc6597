"""The rule registry: every flag code, its default severity and what a reviewer reads.

Codes are stable identifiers for machines (store, exports, the review queue filters);
the title and explanation are Vietnamese because the review web app shows them next to
each flag ("the rule's explanation").  A rule builds its flags through :func:`make_flag`
so the severity always comes from here unless a rule has a reason to lower/raise it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from baocao.model import Flag, Location

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class RuleInfo:
    code: str
    severity: Severity
    title: str
    explanation: str
    family: str  # module that raises it: values, notes, population, body, batch, citations


_RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        "rate_out_of_range",
        "error",
        "Tỉ lệ ngoài khoảng 0–100%",
        "Một tỉ lệ phần trăm phải nằm trong khoảng 0–100%. Tỉ lệ âm hoặc lớn hơn 100% thường do "
        "gõ nhầm, đọc nhầm dấu thập phân, hoặc số lượng bị ghi vào cột tỉ lệ.",
        "values",
    ),
    RuleInfo(
        "value_rate_inconsistent",
        "warning",
        "Số lượng và tỉ lệ của một dòng mâu thuẫn",
        "Dòng ghi số lượng bằng 0 nhưng tỉ lệ lớn hơn 0%. Không có đối tượng nào thì không thể "
        "đạt một tỉ lệ dương; số lượng hoặc tỉ lệ bị ghi sai, hoặc hai cột bị đặt nhầm.",
        "values",
    ),
    RuleInfo(
        "population_inconsistent",
        "warning",
        "Các dòng về cùng một đối tượng mâu thuẫn nhau",
        "Số lượng chia cho tỉ lệ cho ra tổng số đối tượng (ví dụ 51.608 giáo viên đạt 97,1% → "
        "khoảng 53.150 giáo viên). Các dòng nói về cùng một tập đối tượng (giáo viên: 1a, 1c, "
        "8c; học sinh: 2a, 2c, 8b; sinh viên: 2b, 2d) phải cho ra cùng một tổng, sai khác chỉ "
        "do làm tròn tỉ lệ. Nếu các tổng suy ra lệch nhau nhiều, ít nhất một số lượng hoặc tỉ lệ "
        "bị ghi sai.",
        "population",
    ),
    RuleInfo(
        "body_breakdown_mismatch",
        "warning",
        "Các phần của một tổng trong phần lời không khớp",
        "Phần lời báo cáo nêu một tổng rồi chia thành các phần (\"gồm A ... và B ...\", kèm tỉ "
        "lệ), hoặc một bảng trong phần lời có dòng 'Tổng số'. Tổng các phần phải bằng tổng đã "
        "nêu, và mỗi tỉ lệ phải bằng phần đó chia cho tổng. Sai lệch cho thấy một trong các con "
        "số bị gõ nhầm.",
        "body",
    ),
    RuleInfo(
        "body_appendix_mismatch",
        "warning",
        "Số liệu phần lời khác Phụ lục 2",
        "Phần lời báo cáo nêu một con số về đúng chỉ tiêu của Phụ lục 2 nhưng không khớp với số "
        "lượng, tỉ lệ hoặc tổng suy ra từ dòng tương ứng trong Phụ lục. Cần xác định con số nào "
        "đúng.",
        "body",
    ),
    RuleInfo(
        "number_format_unusual",
        "info",
        "Cách viết số bất thường",
        "Số được viết theo cách khác quy ước tiếng Việt (dấu chấm phân cách hàng nghìn, dấu phẩy "
        "thập phân): ví dụ \"32.86 %\" (dấu chấm thập phân), \"412,380\" (phân cách kiểu tiếng "
        "Anh), \"100.%\" (dấu thừa). Hệ thống đã đọc theo cách hợp lý nhất; hãy xác nhận cách đọc "
        "khi nó có thể hiểu theo hai nghĩa.",
        "notes",
    ),
    RuleInfo(
        "parse_unsure",
        "warning",
        "Cách đọc dòng chưa chắc chắn",
        "Số liệu của dòng nằm ở vị trí bất thường (ví dụ số lượng đặt sau chữ \"đạt\" thay vì "
        "trước: \"Internet: đạt 362942 tỉ lệ: 100 %\"), nên hệ thống có thể đã gán nhầm số "
        "lượng và tỉ lệ. Hãy đối chiếu với văn bản gốc.",
        "notes",
    ),
    RuleInfo(
        "value_unfilled",
        "warning",
        "Chưa điền số liệu",
        "Dòng có trong biểu nhưng số liệu để trống hoặc còn nguyên chỗ trống của mẫu (\"......\", "
        "\"...%\"). Số liệu bị coi là thiếu (không phải 0); cần đề nghị địa phương bổ sung.",
        "values",
    ),
    RuleInfo(
        "line_missing",
        "warning",
        "Thiếu dòng của biểu mẫu",
        "Một dòng của biểu mẫu Phụ lục 2 không tìm thấy trong báo cáo (địa phương bỏ dòng hoặc "
        "diễn đạt khác hẳn mẫu nên hệ thống không nhận ra).",
        "values",
    ),
    RuleInfo(
        "appendix_missing",
        "error",
        "Không tìm thấy Phụ lục 2",
        "Không đọc được dòng nào của Biểu số liệu thống kê (Phụ lục 2). Có thể báo cáo không kèm "
        "phụ lục, phụ lục gửi ở tệp riêng, hoặc bố cục quá khác thường.",
        "values",
    ),
    RuleInfo(
        "value_or_rate_missing",
        "warning",
        "Thiếu số lượng hoặc tỉ lệ",
        "Biểu mẫu yêu cầu cả số lượng và tỉ lệ cho dòng này (trừ 3a, 3b chỉ có số lượng và 5a, "
        "5b chỉ có tỉ lệ), nhưng báo cáo chỉ ghi một trong hai.",
        "values",
    ),
    RuleInfo(
        "line_outside_template",
        "info",
        "Dòng ngoài biểu mẫu",
        "Báo cáo có thêm một dòng không thuộc 25 dòng của biểu mẫu (ví dụ hồ sơ công việc cấp "
        "Phòng). Số liệu được giữ lại nhưng không cộng vào chỉ tiêu nào.",
        "values",
    ),
    RuleInfo(
        "line_duplicated",
        "warning",
        "Một chỉ tiêu xuất hiện nhiều lần với số khác nhau",
        "Hai dòng của báo cáo được nhận là cùng một chỉ tiêu nhưng ghi số liệu khác nhau. Cần "
        "chọn dòng đúng.",
        "values",
    ),
    RuleInfo(
        "rate_outlier_across_provinces",
        "warning",
        "Tỉ lệ khác xa các tỉnh khác",
        "Tỉ lệ của tỉnh này nằm rất xa khoảng tỉ lệ của các tỉnh khác cho cùng chỉ tiêu (so với "
        "trung vị và độ lệch tuyệt đối trung vị). Có thể đúng, nhưng đáng kiểm tra lại.",
        "batch",
    ),
    # Citation checks (checks/citations.py, issue 3): raised there, explained here so the
    # review app has one place to look every code up.
    RuleInfo(
        "citation_date_conflict",
        "error",
        "Một văn bản được trích dẫn với nhiều ngày khác nhau",
        "Cùng một số ký hiệu văn bản xuất hiện trong báo cáo với hai ngày ban hành khác nhau. Một "
        "văn bản chỉ có một ngày ban hành, nên ít nhất một lần trích dẫn bị ghi sai ngày.",
        "citations",
    ),
    RuleInfo(
        "citation_date_vs_reference",
        "error",
        "Ngày ban hành khác dữ liệu tham chiếu",
        "Ngày ghi trong báo cáo khác ngày ban hành của văn bản trong danh mục văn bản tham chiếu "
        "đã kiểm chứng. Thường là gõ nhầm ngày hoặc nhầm số văn bản.",
        "citations",
    ),
    RuleInfo(
        "citation_year_mismatch",
        "error",
        "Năm trong số ký hiệu khác năm ban hành",
        'Số ký hiệu mang năm (ví dụ "09/2021/TT-BGDĐT") nhưng ngày ban hành ghi một năm khác. '
        "Một trong hai bị ghi sai.",
        "citations",
    ),
    RuleInfo(
        "citation_invalid_date",
        "error",
        "Ngày ban hành không tồn tại",
        'Ngày ban hành ghi trong báo cáo không có thật (ví dụ "31/02/2024"); cần sửa lại ngày.',
        "citations",
    ),
    RuleInfo(
        "citation_after_report_date",
        "error",
        "Văn bản được trích dẫn ban hành sau ngày báo cáo",
        "Báo cáo trích dẫn một văn bản có ngày ban hành muộn hơn chính ngày của báo cáo, điều "
        "không thể xảy ra; ngày của văn bản hoặc của báo cáo bị ghi sai.",
        "citations",
    ),
    RuleInfo(
        "citation_symbol_order",
        "warning",
        "Số ký hiệu viết theo thứ tự bất thường",
        'Số ký hiệu được viết theo thứ tự của khối khác (ví dụ "71-NQ/CP": kiểu văn bản của Đảng '
        "cho văn bản của Chính phủ), hoặc cùng một văn bản được viết theo hai thứ tự trong một "
        "báo cáo. Có thể đúng, nhưng nên kiểm tra.",
        "citations",
    ),
    RuleInfo(
        "citation_near_duplicate",
        "warning",
        "Hai số văn bản gần giống nhau",
        "Hai số ký hiệu cùng ngày ban hành chỉ khác nhau một chữ số (ví dụ 2065/QĐ-TTg và "
        "206/QĐ-TTg). Có thể một trong hai bị gõ nhầm số.",
        "citations",
    ),
    RuleInfo(
        "citation_type_mismatch",
        "warning",
        "Loại văn bản không khớp ký hiệu",
        'Tên loại văn bản được ghi (ví dụ "Kế hoạch") khác loại mà ký hiệu cho biết (ví dụ '
        '"QĐ" là Quyết định). Có thể ghi nhầm loại hoặc nhầm số văn bản.',
        "citations",
    ),
    RuleInfo(
        "check_failed",
        "warning",
        "Một quy tắc kiểm tra không chạy được",
        "Một quy tắc kiểm tra gặp lỗi trên báo cáo này nên chưa kiểm tra được phần đó. Đây là "
        "lỗi của hệ thống, không phải của báo cáo.",
        "checks",
    ),
    RuleInfo(
        "ocr_low_confidence",
        "warning",
        "Số liệu đọc từ ảnh quét, độ tin cậy thấp",
        "Dòng này được đọc bằng nhận dạng ký tự (OCR) từ bản scan hoặc ảnh chụp bảng, và "
        "phần mềm không chắc chắn về một số ký tự. Cần so con số với ảnh gốc (vùng cắt ở "
        "trang ghi trong vị trí).",
        "ocr",
    ),
    RuleInfo(
        "ocr_repaired",
        "info",
        "Đã sửa lỗi nhận dạng ký tự trong số liệu",
        "Con số đọc bằng OCR có ký tự bị nhận nhầm thường gặp và đã được sửa: dấu ':' hoặc ','"
        " thay cho dấu chấm phân cách hàng nghìn (\"9:302\"), chữ O/o thay cho số 0, chữ l/I "
        "thay cho số 1, dấu phẩy thập phân bị mất trong tỉ lệ. Bằng chứng ghi chữ đã đọc và "
        "chữ sau khi sửa.",
        "ocr",
    ),
)

RULES: dict[str, RuleInfo] = {rule.code: rule for rule in _RULES}


def register(rule: RuleInfo) -> None:
    """Let another family (e.g. the citation checks) add its codes to the registry."""
    RULES.setdefault(rule.code, rule)


def make_flag(
    code: str,
    message: str,
    *,
    severity: Severity | None = None,
    indicator: str | None = None,
    indicators: list[str] | None = None,
    citation: str | None = None,
    evidence: dict[str, Any] | None = None,
    location: Location | None = None,
) -> Flag:
    """A Flag whose severity defaults to the registry's, so codes and severities agree."""
    rule = RULES.get(code)
    return Flag(
        code=code,
        severity=severity or (rule.severity if rule else "warning"),
        message=message,
        indicator=indicator,
        indicators=indicators,
        citation=citation,
        evidence=evidence or {},
        location=location,
    )


def format_number(value: float | int | None, decimals: int = 2) -> str:
    """Vietnamese display of a number for messages: 1.002.912 and 97,1."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(round(value)):,}".replace(",", ".")
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")

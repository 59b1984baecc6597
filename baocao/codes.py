"""Note codes and flag codes: the one table of what each means, in Vietnamese.

A *note* is a doubt the readers, normalizers and extractors attach to one reading
(``IndicatorValue.notes``: "decimal_dot", "rate_decimal_dot", "duplicate_code:1a"); a
*flag* is what the checks raise for a reviewer (``Flag.code``).  Both are ``StrEnum``:
a member *is* its string, so the database, the JSON output and the exports keep the
same text they always had, while code that names a code gets a typo-proof name.

Adding a code is one entry here: the member with its Vietnamese wording (and, for a
note, the flag it leads to).  The review page, the letters, the workbook and the README
table (``python -m baocao.codes``; ``tests/test_codes.py`` keeps them equal) read it
from here; ``checks.registry`` and ``checks.notes`` are built from these two enums.
This module is on floor 0 and imports nothing of ours.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_VI: dict[str, str] = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}


class FlagCode(StrEnum):
    """A check's flag: (code, default severity, family raising it, title, explanation)."""

    severity: Severity
    family: str  # the checks module that raises it: values, notes, population, body, batch, citations, ocr
    title: str
    explanation: str

    def __new__(cls, code: str, severity: Severity, family: str, title: str, explanation: str) -> FlagCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.severity, member.family, member.title, member.explanation = severity, family, title, explanation
        return member

    # fmt: off
    RATE_OUT_OF_RANGE = (
        "rate_out_of_range", "error", "values", "Tỉ lệ ngoài khoảng 0–100%",
        "Một tỉ lệ phần trăm phải nằm trong khoảng 0–100%. Tỉ lệ âm hoặc lớn hơn 100% thường do gõ nhầm, "
        "đọc nhầm dấu thập phân, hoặc số lượng bị ghi vào cột tỉ lệ.",
    )
    VALUE_RATE_INCONSISTENT = (
        "value_rate_inconsistent", "warning", "values", "Số lượng và tỉ lệ của một dòng mâu thuẫn",
        "Dòng ghi số lượng bằng 0 nhưng tỉ lệ lớn hơn 0%. Không có đối tượng nào thì không thể đạt một tỉ "
        "lệ dương; số lượng hoặc tỉ lệ bị ghi sai, hoặc hai cột bị đặt nhầm.",
    )
    POPULATION_INCONSISTENT = (
        "population_inconsistent", "warning", "population", "Các dòng về cùng một đối tượng mâu thuẫn nhau",
        "Số lượng chia cho tỉ lệ cho ra tổng số đối tượng (ví dụ 51.608 giáo viên đạt 97,1% → khoảng 53.150"
        " giáo viên). Các dòng nói về cùng một tập đối tượng (giáo viên: 1a, 1c, 8c; học sinh: 2a, 2c, 8b; "
        "sinh viên: 2b, 2d) phải cho ra cùng một tổng, sai khác chỉ do làm tròn tỉ lệ. Nếu các tổng suy ra "
        "lệch nhau nhiều, ít nhất một số lượng hoặc tỉ lệ bị ghi sai.",
    )
    BODY_BREAKDOWN_MISMATCH = (
        "body_breakdown_mismatch", "warning", "body", "Các phần của một tổng trong phần lời không khớp",
        "Phần lời báo cáo nêu một tổng rồi chia thành các phần (\"gồm A ... và B ...\", kèm tỉ lệ), hoặc một "
        "bảng trong phần lời có dòng 'Tổng số'. Tổng các phần phải bằng tổng đã nêu, và mỗi tỉ lệ phải bằng"
        " phần đó chia cho tổng. Sai lệch cho thấy một trong các con số bị gõ nhầm.",
    )
    BODY_APPENDIX_MISMATCH = (
        "body_appendix_mismatch", "warning", "body", "Số liệu phần lời khác Phụ lục 2",
        "Phần lời báo cáo nêu một con số về đúng chỉ tiêu của Phụ lục 2 nhưng không khớp với số lượng, tỉ "
        "lệ hoặc tổng suy ra từ dòng tương ứng trong Phụ lục. Cần xác định con số nào đúng.",
    )
    NUMBER_FORMAT_UNUSUAL = (
        "number_format_unusual", "info", "notes", "Cách viết số bất thường",
        "Số được viết theo cách khác quy ước tiếng Việt (dấu chấm phân cách hàng nghìn, dấu phẩy thập "
        "phân): ví dụ \"32.86 %\" (dấu chấm thập phân), \"412,380\" (phân cách kiểu tiếng Anh), \"100.%\" (dấu "
        "thừa). Hệ thống đã đọc theo cách hợp lý nhất; hãy xác nhận cách đọc khi nó có thể hiểu theo hai "
        "nghĩa.",
    )
    PARSE_UNSURE = (
        "parse_unsure", "warning", "notes", "Cách đọc dòng chưa chắc chắn",
        "Số liệu của dòng nằm ở vị trí bất thường (ví dụ số lượng đặt sau chữ \"đạt\" thay vì trước: "
        "\"Internet: đạt 362942 tỉ lệ: 100 %\"), nên hệ thống có thể đã gán nhầm số lượng và tỉ lệ. Hãy đối "
        "chiếu với văn bản gốc.",
    )
    VALUE_UNFILLED = (
        "value_unfilled", "warning", "values", "Chưa điền số liệu",
        "Dòng có trong biểu nhưng số liệu để trống hoặc còn nguyên chỗ trống của mẫu (\"......\", \"...%\"). Số"
        " liệu bị coi là thiếu (không phải 0); cần đề nghị địa phương bổ sung.",
    )
    LINE_MISSING = (
        "line_missing", "warning", "values", "Thiếu dòng của biểu mẫu",
        "Một dòng của biểu mẫu Phụ lục 2 không tìm thấy trong báo cáo (địa phương bỏ dòng hoặc diễn đạt "
        "khác hẳn mẫu nên hệ thống không nhận ra).",
    )
    APPENDIX_MISSING = (
        "appendix_missing", "error", "values", "Không tìm thấy Phụ lục 2",
        "Không đọc được dòng nào của Biểu số liệu thống kê (Phụ lục 2). Có thể báo cáo không kèm phụ lục, "
        "phụ lục gửi ở tệp riêng, hoặc bố cục quá khác thường.",
    )
    VALUE_OR_RATE_MISSING = (
        "value_or_rate_missing", "warning", "values", "Thiếu số lượng hoặc tỉ lệ",
        "Biểu mẫu yêu cầu cả số lượng và tỉ lệ cho dòng này (trừ 3a, 3b chỉ có số lượng và 5a, 5b chỉ có tỉ"
        " lệ), nhưng báo cáo chỉ ghi một trong hai.",
    )
    LINE_OUTSIDE_TEMPLATE = (
        "line_outside_template", "info", "values", "Dòng ngoài biểu mẫu",
        "Báo cáo có thêm một dòng không thuộc 25 dòng của biểu mẫu (ví dụ hồ sơ công việc cấp Phòng). Số "
        "liệu được giữ lại nhưng không cộng vào chỉ tiêu nào.",
    )
    LINE_DUPLICATED = (
        "line_duplicated", "warning", "values", "Một chỉ tiêu xuất hiện nhiều lần với số khác nhau",
        "Hai dòng của báo cáo được nhận là cùng một chỉ tiêu nhưng ghi số liệu khác nhau. Cần chọn dòng "
        "đúng.",
    )
    RATE_OUTLIER_ACROSS_PROVINCES = (
        "rate_outlier_across_provinces", "warning", "batch", "Tỉ lệ khác xa các tỉnh khác",
        "Tỉ lệ của tỉnh này nằm rất xa khoảng tỉ lệ của các tỉnh khác cho cùng chỉ tiêu (so với trung vị và"
        " độ lệch tuyệt đối trung vị). Có thể đúng, nhưng đáng kiểm tra lại.",
    )
    CITATION_DATE_CONFLICT = (
        "citation_date_conflict", "error", "citations", "Một văn bản được trích dẫn với nhiều ngày khác nhau",
        "Cùng một số ký hiệu văn bản xuất hiện trong báo cáo với hai ngày ban hành khác nhau. Một văn bản "
        "chỉ có một ngày ban hành, nên ít nhất một lần trích dẫn bị ghi sai ngày.",
    )
    CITATION_DATE_VS_REFERENCE = (
        "citation_date_vs_reference", "error", "citations", "Ngày ban hành khác dữ liệu tham chiếu",
        "Ngày ghi trong báo cáo khác ngày ban hành của văn bản trong danh mục văn bản tham chiếu đã kiểm "
        "chứng. Thường là gõ nhầm ngày hoặc nhầm số văn bản.",
    )
    CITATION_YEAR_MISMATCH = (
        "citation_year_mismatch", "error", "citations", "Năm trong số ký hiệu khác năm ban hành",
        "Số ký hiệu mang năm (ví dụ \"09/2021/TT-BGDĐT\") nhưng ngày ban hành ghi một năm khác. Một trong hai"
        " bị ghi sai.",
    )
    CITATION_INVALID_DATE = (
        "citation_invalid_date", "error", "citations", "Ngày ban hành không tồn tại",
        "Ngày ban hành ghi trong báo cáo không có thật (ví dụ \"31/02/2024\"); cần sửa lại ngày.",
    )
    CITATION_AFTER_REPORT_DATE = (
        "citation_after_report_date", "error", "citations", "Văn bản được trích dẫn ban hành sau ngày báo cáo",
        "Báo cáo trích dẫn một văn bản có ngày ban hành muộn hơn chính ngày của báo cáo, điều không thể xảy"
        " ra; ngày của văn bản hoặc của báo cáo bị ghi sai.",
    )
    CITATION_SYMBOL_ORDER = (
        "citation_symbol_order", "warning", "citations", "Số ký hiệu viết theo thứ tự bất thường",
        "Số ký hiệu được viết theo thứ tự của khối khác (ví dụ \"71-NQ/CP\": kiểu văn bản của Đảng cho văn "
        "bản của Chính phủ), hoặc cùng một văn bản được viết theo hai thứ tự trong một báo cáo. Có thể "
        "đúng, nhưng nên kiểm tra.",
    )
    CITATION_NEAR_DUPLICATE = (
        "citation_near_duplicate", "warning", "citations", "Hai số văn bản gần giống nhau",
        "Hai số ký hiệu cùng ngày ban hành chỉ khác nhau một chữ số (ví dụ 2065/QĐ-TTg và 206/QĐ-TTg). Có "
        "thể một trong hai bị gõ nhầm số.",
    )
    CITATION_TYPE_MISMATCH = (
        "citation_type_mismatch", "warning", "citations", "Loại văn bản không khớp ký hiệu",
        "Tên loại văn bản được ghi (ví dụ \"Kế hoạch\") khác loại mà ký hiệu cho biết (ví dụ \"QĐ\" là Quyết "
        "định). Có thể ghi nhầm loại hoặc nhầm số văn bản.",
    )
    CITATION_OCR_UNCERTAIN = (
        "citation_ocr_uncertain", "warning", "citations", "Văn bản trích dẫn đọc từ ảnh quét chưa chắc chắn",
        "Số ký hiệu hoặc ngày của văn bản này được đọc bằng nhận dạng ký tự (OCR) với độ tin cậy thấp, hoặc "
        "có ký tự bị nhận nhầm đã được sửa (chữ l/I thay cho số 1, chữ O thay cho số 0). Cần so với ảnh gốc.",
    )
    LEGACY_ENCODING_CONVERTED = (
        "legacy_encoding_converted", "info", "reading",
        "Văn bản gõ bằng bảng mã cũ (TCVN3/VNI), đã chuyển sang Unicode",
        "Báo cáo được gõ bằng phông chữ của bảng mã cũ (TCVN3/ABC như .VnTime, hoặc VNI như VNI-Times). "
        "Phần chữ đã được chuyển sang Unicode theo bảng mã trước khi đọc số liệu; nếu một tên chỉ tiêu "
        "hay con số trông lạ, hãy đối chiếu với văn bản gốc.",
    )
    SPREADSHEET_PARTS_SKIPPED = (
        "spreadsheet_parts_skipped", "info", "reading", "Bỏ qua phần ẩn hoặc trang tính năm trước trong tệp Excel",
        "Tệp Excel có hàng, cột hoặc trang tính bị ẩn (thường là mẫu số, dòng tạm tính, số liệu cũ) "
        "hoặc trang tính của năm trước bên cạnh trang năm nay; các phần đó không được đọc. Bằng chứng "
        "ghi tên trang tính và các hàng/cột đã bỏ qua.",
    )
    CHECK_FAILED = (
        "check_failed", "warning", "checks", "Một quy tắc kiểm tra không chạy được",
        "Một quy tắc kiểm tra gặp lỗi trên báo cáo này nên chưa kiểm tra được phần đó. Đây là lỗi của hệ "
        "thống, không phải của báo cáo.",
    )
    OCR_LOW_CONFIDENCE = (
        "ocr_low_confidence", "warning", "ocr", "Số liệu đọc từ ảnh quét, độ tin cậy thấp",
        "Dòng này được đọc bằng nhận dạng ký tự (OCR) từ bản scan hoặc ảnh chụp bảng, và phần mềm không "
        "chắc chắn về một số ký tự. Cần so con số với ảnh gốc (vùng cắt ở trang ghi trong vị trí).",
    )
    OCR_REPAIRED = (
        "ocr_repaired", "info", "ocr", "Đã sửa lỗi nhận dạng ký tự trong số liệu",
        "Con số đọc bằng OCR có ký tự bị nhận nhầm thường gặp và đã được sửa: dấu ':' hoặc ',' thay cho dấu"
        " chấm phân cách hàng nghìn (\"9:302\"), chữ O/o thay cho số 0, chữ l/I thay cho số 1, dấu phẩy thập "
        "phân bị mất trong tỉ lệ. Bằng chứng ghi chữ đã đọc và chữ sau khi sửa.",
    )
    # fmt: on


_FORMAT, _PARSE = FlagCode.NUMBER_FORMAT_UNUSUAL, FlagCode.PARSE_UNSURE


class NoteCode(StrEnum):
    """A reading's note: (code, flag it leads to or None, severity of that flag, Vietnamese meaning).

    Notes are written bare ("decimal_dot"), with the part they concern ("rate_decimal_dot",
    "value_before_list") or with a detail ("duplicate_code:1a"); :func:`note_key` strips
    both.  A flag of None means another rule handles it (placeholders become
    ``value_unfilled``, "163/163" is compared by ``value_rate_inconsistent``).
    """

    flag: FlagCode | None
    severity: Severity
    meaning: str

    def __new__(cls, code: str, flag: FlagCode | None, severity: Severity, meaning: str) -> NoteCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.flag, member.severity, member.meaning = flag, severity, meaning
        return member

    # ---- how a number was written (normalizers/numbers.py) ----
    DECIMAL_DOT = "decimal_dot", _FORMAT, "info", "dấu chấm dùng làm dấu thập phân"
    ENGLISH_GROUPING = "english_grouping", _FORMAT, "info", "phân cách hàng nghìn kiểu tiếng Anh (dấu phẩy)"
    SPACE_GROUPING = "space_grouping", _FORMAT, "info", "phân cách hàng nghìn bằng dấu cách"
    TRAILING_SEPARATOR = "trailing_separator", _FORMAT, "info", "dấu chấm/phẩy thừa sau số"
    DOT_LEADER = "dot_leader", _FORMAT, "info", "số viết liền dãy dấu chấm của mẫu"
    AMBIGUOUS_SEPARATOR = (
        "ambiguous_separator", _FORMAT, "warning",
        "dấu phân cách có thể hiểu theo hai nghĩa (hàng nghìn hoặc thập phân)",
    )
    UNEXPECTED_PERCENT = "unexpected_percent", _FORMAT, "warning", "số lượng lại có dấu %"
    WITHOUT_PERCENT_SIGN = "without_percent_sign", _FORMAT, "info", "tỉ lệ không có dấu %"
    UNREADABLE = "unreadable", _PARSE, "warning", "không đọc được con số"
    NOT_WHOLE = "not_whole", _PARSE, "warning", "số lượng có phần thập phân nên không nhận"
    TOO_MANY_DIGITS = "too_many_digits", _PARSE, "warning", "con số dài bất thường (trên 15 chữ số) nên không nhận"
    APPROXIMATE = "approximate", _PARSE, "info", 'số liệu ghi kèm "hơn/khoảng/gần" nên chỉ là ước lượng'
    NEGATIVE = "negative", _PARSE, "warning", "số lượng âm"
    FOOTNOTE_MARK = "footnote_mark", _PARSE, "info", "đã bỏ dấu chú thích dính vào con số"
    FRACTION_SCALED = (
        "fraction_scaled", _PARSE, "warning", "tỉ lệ ghi dạng phân số (0,985) đã được nhân 100; hãy xác nhận"
    )
    # ---- where a figure sat in the line or table (extractors/) ----
    VALUE_AFTER_RATE_MARKER = (
        "value_after_rate_marker", _PARSE, "warning", 'số lượng đặt sau chữ "đạt"/"tỉ lệ" thay vì trước'
    )
    SEVERAL_RATES = "several_rates", _PARSE, "warning", "dòng có nhiều tỉ lệ, đã lấy một"
    SEVERAL_FIGURES = "several_figures", _PARSE, "warning", "ô có nhiều con số, đã lấy một"
    AMBIGUOUS_LABEL = "ambiguous_label", _PARSE, "warning", "nhãn dòng khớp với nhiều chỉ tiêu của mẫu"
    DUPLICATE_CODE = "duplicate_code", FlagCode.LINE_DUPLICATED, "warning", "dòng lặp lại một chỉ tiêu đã có"
    COLUMN_GUESSED = "column_guessed", _PARSE, "info", "bảng không có tiêu đề cột, cột tỉ lệ được đoán"
    LATEST_YEAR_COLUMN = "latest_year_column", _PARSE, "info", "bảng có nhiều cột năm, đã lấy năm gần nhất"
    HALVES_MERGED = "halves_merged", _PARSE, "info", "số lượng và tỉ lệ nằm ở hai dòng, đã ghép lại"
    BEFORE_LIST = "before_list", _PARSE, "info", "số lượng ghi trước danh sách tên"
    IN_PARENTHESES = "in_parentheses", _PARSE, "info", "số lượng ghi trong ngoặc đơn sau tỉ lệ"
    # "- 3.100 giáo viên có máy tính (đạt 97%)": an ordinary sentence order, read with confidence
    BEFORE_LABEL = "before_label", _PARSE, "info", "số lượng ghi trước tên chỉ tiêu"
    FROM_REMARKS = "from_remarks", _PARSE, "warning", "tỉ lệ lấy từ cột ghi chú"
    ROUNDED_AS_SHOWN = (
        "rounded_as_shown", _FORMAT, "info", "tỉ lệ lấy theo định dạng ô Excel (giá trị lưu chưa làm tròn)"
    )
    AREA_TOTAL_COLUMN = "area_total_column", _PARSE, "info", "lấy số ở cột tổng toàn địa bàn, bỏ các cột xã/huyện"
    # ---- handled by other rules (value_unfilled, value_or_rate_missing, rate_out_of_range) ----
    UNFILLED = "unfilled", None, "info", 'còn nguyên chỗ trống của mẫu ("......", "...%"); coi là thiếu'
    EMPTY = "empty", None, "info", "không ghi gì; coi là thiếu"
    NOT_APPLICABLE = "not_applicable", None, "info", 'ghi rõ không có số liệu ("-", "x", "KXĐ", "Không phát sinh")'
    OVER_100 = "over_100", None, "info", "tỉ lệ lớn hơn 100%"
    VALUE_OF_TOTAL = "value_of_total", None, "info", 'ghi dạng "163/163": số lượng trên tổng số'
    EXTRA_TEXT = "extra_text", None, "info", 'đã bỏ chữ sau con số ("51.608 người")'
    # ---- on a cited document (Citation.notes, extractors/citation*.py; checks.citations flags them) ----
    RESTORED_MARKS = "restored_marks", None, "info", 'đã khôi phục dấu của ký hiệu theo danh mục ("QD" → "QĐ")'
    OCR_DIGIT = "ocr_digit", None, "info", "đã sửa ký tự OCR nhận nhầm trong số hoặc ngày (chữ l thay cho số 1)"
    UNKNOWN_CODE = "unknown_code", None, "info", "ký hiệu có mã không có trong danh mục, giữ như đã ghi"
    REGISTER_ROW = "register_row", None, "info", "đọc từ một dòng của bảng danh mục văn bản"
    MONTH_FIRST_COLUMN = "month_first_column", None, "info", "cột ngày của bảng ghi tháng trước ngày"


NOTE_PARTS = ("rate_", "value_")
# Notes that begin with "value_" but speak about the whole line, so keep their prefix.
WHOLE_LINE_NOTES = frozenset({NoteCode.VALUE_AFTER_RATE_MARKER, NoteCode.VALUE_OF_TOTAL})


def note_key(note: str) -> str:
    """"rate_decimal_dot" → "decimal_dot"; "duplicate_code:1a" → "duplicate_code"."""
    key = note.split(":", 1)[0].strip().lower()
    if key in WHOLE_LINE_NOTES:
        return key
    for prefix in NOTE_PARTS:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table() -> str:
    """The README's tables of flag codes and note codes, rendered from the two enums."""
    rows = ["| Mã cảnh báo | Mức độ | Tên | Giải thích |", "|---|---|---|---|"]
    rows += [f"| `{c}` | {SEVERITY_VI[c.severity]} | {_cell(c.title)} | {_cell(c.explanation)} |" for c in FlagCode]
    rows += ["", "| Ghi chú khi đọc | Dẫn tới cảnh báo | Ý nghĩa |", "|---|---|---|"]
    rows += [f"| `{n}` | {f'`{n.flag}` ({SEVERITY_VI[n.severity]})' if n.flag else '—'} | {_cell(n.meaning)} |"
             for n in NoteCode]  # fmt: skip
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")

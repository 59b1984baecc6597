"""How the reader had to interpret a file, told to the reviewer (never a silent fallback).

The readers write what they did to the text on ``Source.notes`` (see ``readers/``):
``tcvn3_converted:N`` / ``vni_converted:N`` (legacy font encodings converted by font),
``tcvn3_detected:N`` (by character statistics), ``xlsx_hidden:…`` / ``xlsx_hidden_sheet:…``
/ ``xlsx_older_year_sheet:…`` (spreadsheet parts left out).  One info flag per kind, on the
report, so the review queue shows that the figures were read through a conversion.
"""

from __future__ import annotations

from baocao.model import Extraction, Flag
from checks.registry import RuleInfo, make_flag, register

register(RuleInfo(
    "legacy_encoding_converted", "info", "Văn bản gõ bằng bảng mã cũ (TCVN3/VNI), đã chuyển sang Unicode",
    "Báo cáo được gõ bằng phông chữ của bảng mã cũ (TCVN3/ABC như .VnTime, hoặc VNI như VNI-Times). "
    "Phần chữ đã được chuyển sang Unicode theo bảng mã trước khi đọc số liệu; nếu một tên chỉ tiêu "
    "hay con số trông lạ, hãy đối chiếu với văn bản gốc.",
    "reading",
))  # fmt: skip
register(RuleInfo(
    "spreadsheet_parts_skipped", "info", "Bỏ qua phần ẩn hoặc trang tính năm trước trong tệp Excel",
    "Tệp Excel có hàng, cột hoặc trang tính bị ẩn (thường là mẫu số, dòng tạm tính, số liệu cũ) "
    "hoặc trang tính của năm trước bên cạnh trang năm nay; các phần đó không được đọc. Bằng chứng "
    "ghi tên trang tính và các hàng/cột đã bỏ qua.",
    "reading",
))  # fmt: skip

_ENCODINGS = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI"}


def reading_flags(extraction: Extraction) -> list[Flag]:
    notes = extraction.source.notes
    flags: list[Flag] = []
    encoded = [n for n in notes if n.split("_", 1)[0] in _ENCODINGS]
    if encoded:
        names = sorted({_ENCODINGS[n.split("_", 1)[0]] for n in encoded})
        flags.append(make_flag(
            "legacy_encoding_converted",
            f"Văn bản gõ bằng bảng mã {', '.join(names)}, đã chuyển sang Unicode trước khi đọc.",
            evidence={"notes": encoded},
        ))  # fmt: skip
    skipped = [n for n in notes if n.startswith("xlsx_")]
    if skipped:
        flags.append(make_flag(
            "spreadsheet_parts_skipped",
            "Tệp Excel có phần bị ẩn hoặc trang tính năm trước; các phần đó không được đọc.",
            evidence={"notes": skipped},
        ))  # fmt: skip
    return flags

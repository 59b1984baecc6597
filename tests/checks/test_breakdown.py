"""body_breakdown_mismatch: "gồm A ... và B ..." in the body must add up."""

from __future__ import annotations

import pytest

from baocao.model import Location
from checks.body_text import build_body
from checks.breakdown import body_breakdown_mismatch, find_breakdowns
from tests.checks.factories import document, extraction, line


def run(*texts: str):
    return body_breakdown_mismatch(document(*texts), extraction())


SEED_INSTITUTIONS = (
    "- Ngành GDĐT đang triển khai hệ thống cơ sở dữ liệu ngành. Đến nay, có ",
    "1.588 cơ sở giáo dục, gồm 1.404 cơ sở công lập (88,41%) và 205 cơ sở tư thục ",
    "(11,59%). Tổng số cán bộ, giáo viên, nhân viên là 64.300 người (57.498 công lập ",
    "(89,42%) và 6.802 tư thục (10,58%)); có 1.002.912 HS (926.515 công lập ",
    "(92,38%) và 76.397 tư thục (7,62%)), học sinh có mã định danh riêng.",
)


def test_seed_institutions_do_not_add_up():
    flags = run(*SEED_INSTITUTIONS)
    assert len(flags) == 1  # the staff and pupil breakdowns add up
    flag = flags[0]
    assert flag.code == "body_breakdown_mismatch"
    assert flag.evidence["total"] == 1588
    assert [p["value"] for p in flag.evidence["parts"]] == [1404, 205]
    assert (flag.evidence["parts_sum"], flag.evidence["difference"]) == (1609, 21)
    assert flag.evidence["rate_problems"] == [{"value": 205, "rate_stated": 11.59, "rate_computed": 12.91}]
    assert "1.404 + 205 = 1.609" in flag.message and "12,91%" in flag.message
    assert flag.location == Location(line=2)  # where the total starts, even though the text wraps


@pytest.mark.parametrize(
    "text",
    [
        # sum wrong, no percentages
        "Toàn tỉnh có 700 trường, gồm 500 trường công lập và 250 trường tư thục.",
        "Có 120 cơ sở bao gồm 70 trường tiểu học, 40 trường THCS và 20 trường THPT.",
        # parenthesis with "và"
        "Tổng số giáo viên là 20.000 người (15.000 công lập và 4.000 tư thục).",
        # sum right but a percentage wrong
        "Có 1.000 cơ sở, gồm 900 cơ sở công lập (80%) và 100 cơ sở tư thục (10%).",
        "Có 1.000 cơ sở, gồm 900 cơ sở công lập chiếm 80% và 100 cơ sở tư thục chiếm 10%.",
        "Toàn tỉnh có 650 trường, gồm: 200 trường mầm non, 250 trường tiểu học, 150 trường THCS, 60 trường THPT.",
        # a list in parentheses with "label: number" parts
        "Bồi dưỡng cho 2587 giáo viên (cấp Mầm non: 1091, Tiểu học: 1256, Trung học cơ sở: 199, THPT: 40).",
    ],
)
def test_breakdowns_that_do_not_add_up(text):
    assert [f.code for f in run(text)] == ["body_breakdown_mismatch"]


@pytest.mark.parametrize(
    "text",
    [
        "Tổng số cán bộ, giáo viên, nhân viên là 64.300 người (57.498 công lập (89,42%) và 6.802 tư thục (10,58%)).",
        "có 1.002.912 HS (926.515 công lập (92,38%) và 76.397 tư thục (7,62%)), học sinh có mã định danh.",
        "Bồi dưỡng cho 2587 giáo viên (cấp Mầm non: 1091, Tiểu học: 1256, Trung học cơ sở: 199, THPT: 41).",
        # "trong đó" lists subsets (maybe overlapping): not a partition
        "Tiếp nhận 7036 hồ sơ, trong đó có 6987 hồ sơ trực tuyến và 49 hồ sơ trực tiếp bổ sung.",
        # a ';' list of subsets in parentheses
        "Giai đoạn 2020-2025 có 13.762 sáng kiến kinh nghiệm được thẩm định (6.507 cấp cơ sở; 1.321 cấp tỉnh).",
        # a single part with a percentage is not a breakdown
        "Đã bồi dưỡng chuyển đổi số cho 2.821 người (98,84%) là cán bộ quản lý, giáo viên cốt cán.",
        "nâng tổng số TTHC mức độ 3,4 lên 163 (100%); tăng cường tiếp nhận hồ sơ trực tuyến.",
        # a hedged total
        "Có hơn 1.600 cơ sở, gồm 1.404 cơ sở công lập và 205 cơ sở tư thục.",
        # amounts spelled out in words
        "với tổng số tiền là 1.879.076.253 đ (Một tỉ tám trăm bảy mươi chín triệu đồng).",
        # a year or a document number is not a total
        "Năm 2025 (1.200 trường và 300 trung tâm) đã triển khai.",
        "Quyết định số 4725/QĐ-BGDĐT ngày 30/12/2022 (gồm 3 phụ lục và 2 biểu mẫu).",
        # a percentage that is no share of the total
        "Có 1.000 cơ sở, gồm 900 cơ sở công lập (tăng 5% so với năm 2022) và 100 cơ sở tư thục.",
        # "gồm:" with a full list that adds up
        "Toàn tỉnh có 650 trường, gồm: 200 trường mầm non, 250 trường tiểu học, 150 trường THCS, 50 trường THPT.",
        # subsets introduced by "trong đó" inside the parenthesis
        "Toàn tỉnh có 1.234 trường (trong đó 300 trường đạt chuẩn, 200 trường có phòng STEM, 100 trường khác).",
        # hedged parts
        "Có 1.000 cơ sở, gồm khoảng 700 cơ sở công lập và hơn 200 cơ sở tư thục.",
        # a partial list ("và các trường khác") is not a partition
        "Có 1.200 trường, gồm 500 trường tiểu học, 400 trường THCS và các trường khác.",
        # the parts' labels themselves contain "và": cannot be split safely
        "Có 300 người gồm cán bộ và giáo viên.",
    ],
)
def test_consistent_or_non_breakdowns_raise_nothing(text):
    assert run(text) == []


def test_appendix_written_as_prose_is_not_read_as_body():
    texts = (
        "Đến nay có 1.588 cơ sở giáo dục.",
        "Phụ lục",
        "BIỂU SỐ LIỆU THỐNG KÊ",
        "Tổng số 1.000 cơ sở, gồm 900 cơ sở công lập và 200 cơ sở tư thục.",
    )
    assert run(*texts) == []
    assert "900" not in build_body(document(*texts)).text


@pytest.mark.parametrize(
    ("heading", "is_heading"),
    [
        ("Phụ lục", True),
        ("Phụ lục: ", True),
        ("Phụ lục 2", True),
        ("PHỤ LỤC II", True),
        ("Phụ lục 2. BIỂU SỐ LIỆU THỐNG KÊ", True),
        ("BIỂU SỐ LIỆU THỐNG KÊ KẾT QUẢ", True),
        ("Phụ lục kèm theo./.", False),
        ("phụ lục 2 của công văn, Sở đã có 1.000 cơ sở, gồm 900 công lập và 200 tư thục.", False),
    ],
)
def test_body_ends_at_an_appendix_heading_only(heading, is_heading):
    texts = ("Mở đầu.", heading, "Có 1.000 cơ sở, gồm 900 cơ sở công lập và 200 cơ sở tư thục.")
    assert bool(run(*texts)) is not is_heading


def test_find_breakdowns_marks_partitions():
    body = build_body(document(*SEED_INSTITUTIONS))
    found = {b.total: b.partition for b in find_breakdowns(body)}
    assert found == {1588: True, 64300: True, 1002912: True}


@pytest.mark.parametrize(
    ("appendix", "indicator", "indicators"),
    [
        ((line("8a", 1588, 100.0), line("8d", 1588, 100.0, at=1)), None, ["8a", "8d"]),
        ((line("8a", 1588, 100.0), line("8d", 1500, 94.5, at=1)), "8a", None),
        ((line("8a", 1500, 94.5),), None, None),
    ],
)
def test_breakdown_is_tied_to_the_appendix_line_with_its_total(appendix, indicator, indicators):
    flag = body_breakdown_mismatch(document(*SEED_INSTITUTIONS), extraction(*appendix))[0]
    assert (flag.indicator, flag.indicators) == (indicator, indicators)


def test_no_document_means_no_body_flags():
    assert body_breakdown_mismatch(None, extraction()) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Toàn tỉnh có 1.302 cơ sở giáo dục, gồm 510 trường mầm non và 812 trường phổ thông, trung tâm GDTX.", True),
        ("Toàn tỉnh có 1.302 cơ sở giáo dục, gồm 510 trường mầm non và 792 trường phổ thông, trung tâm GDTX.", False),
        ("Có 900 trường, gồm 300 trường mầm non, nhà trẻ và 500 trường phổ thông.", True),
    ],
)
def test_a_part_listing_kinds_after_a_comma_is_still_one_part(text, flagged):
    """'792 trường phổ thông, trung tâm GDTX' is one part; the comma lists its kinds."""
    flags = run(text)
    assert [f.code for f in flags] == (["body_breakdown_mismatch"] if flagged else [])
    if flagged:
        assert "1.322" in flags[0].message or "800" in flags[0].message


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Trong tổng số 1.180 cơ sở giáo dục, có 420 cơ sở mầm non (35,6%) và 760 cơ sở phổ thông, GDTX (64,4%).",
         False),
        ("Trong tổng số 1.180 cơ sở giáo dục, có 420 cơ sở mầm non (53,6%) và 760 cơ sở phổ thông, GDTX (64,4%).",
         True),
        ("Trong tổng số 1.180 cơ sở giáo dục, có 420 cơ sở mầm non (35,6%) và 800 cơ sở phổ thông (64,4%).", True),
        # "có" without shares summing to 100 % lists subsets: their sum is not checked
        ("Tổng số 1.180 trường, có 900 trường đạt chuẩn và 700 trường có thư viện số.", False),
    ],
)
def test_total_then_co_with_shares(text, flagged):
    assert [f.code for f in run(text)] == (["body_breakdown_mismatch"] if flagged else [])

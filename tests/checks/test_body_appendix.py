"""body_appendix_mismatch: a body number about an indicator must agree with the appendix."""

from __future__ import annotations

import pytest

from checks.body_appendix import body_appendix_mismatch, find_mentions
from checks.body_text import build_body
from tests.checks.factories import document, extraction, line

SEED_APPENDIX = (
    line("8a", 1588, 100.0, at=0),
    line("8b", 1002912, 100.0, at=1),
    line("8c", 64300, 100.0, at=2),
    line("9a", 163, 100.0, at=3),
    line("9b", 6987, 99.3, rate_raw="99.3%", at=4),
    line("9c", None, 90.0, at=5),
)

SEED_BODY = (
    "- Ngành GDĐT đang triển khai hệ thống cơ sở dữ liệu ngành. Đến nay, có",
    "1.588 cơ sở giáo dục, gồm 1.404 cơ sở công lập (88,41%) và 205 cơ sở tư thục",
    "(11,59%). Tổng số cán bộ, giáo viên, nhân viên là 64.300 người (57.498 công lập",
    "(89,42%) và 6.802 tư thục (10,58%)); có 1.002.912 HS (926.515 công lập",
    "(92,38%) và 76.397 tư thục (7,62%)), học sinh có mã định danh riêng.",
    "triển khai các thủ tục hành chính đủ điều kiện triển khai dịch vụ công trực tuyến",
    "mức độ 3,4 nâng tổng số TTHC mức độ 3,4 lên 163 (100%); tăng cường việc tiếp",
    "Sở GDĐT đã tiếp nhận và trả kết quả qua dịch vụ công trực tuyến 7036 hồ sơ thủ tục hành chính",
    "thuộc lĩnh vực ngành quản lý, trong đó có 6987 hồ sơ tiếp nhận qua dịch vụ công trực tuyến đạt 99,3%;",
    "qua khảo sát có trên 90% người học và phụ huynh học hài lòng đối với các dịch vụ.",
    "Hiện tại toàn ngành GDĐT có trên 30.179 cán bộ có trình độ chuyên môn Tin học.",
    "Đã bồi dưỡng cho 2587 giáo viên về hồ sơ điện tử.",
)


def run(body, *lines):
    return body_appendix_mismatch(document(*body), extraction(*lines))


def test_seed_body_agrees_with_its_appendix():
    assert run(SEED_BODY, *SEED_APPENDIX) == []


def test_seed_mentions_are_found_for_the_right_indicators():
    mentions = find_mentions(build_body(document(*SEED_BODY)))
    found = {(m.code, m.value, m.rate) for m in mentions}
    assert found == {("8a", 1588, None), ("8b", 1002912, None), ("9a", 163, 100.0), ("9b", 6987, 99.3)}
    # not found: 64.300 "cán bộ, giáo viên, nhân viên" (all staff, not 8c's teachers),
    # "trên 30.179 cán bộ" and "trên 90% ... hài lòng" (hedged), "bồi dưỡng cho 2587
    # giáo viên" (training participants)


@pytest.mark.parametrize(
    ("body", "code", "body_value", "body_rate"),
    [
        (("Đã tiếp nhận 6500 hồ sơ giải quyết trực tuyến đạt 99,3%.",), "9b", 6500, 99.3),
        (("Từ năm 2022 đến nay đã có 6500 hồ sơ giải quyết trực tuyến.",), "9b", 6500, None),
        (("Đã tiếp nhận 6987 hồ sơ giải quyết trực tuyến đạt 95,1%.",), "9b", 6987, 95.1),
        (("Nâng tổng số TTHC mức độ 3,4 lên 150 (100%).",), "9a", 150, 100.0),
        (("Có 140 thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình.",), "9a", 140, None),
        (("Ngành đã triển khai cơ sở dữ liệu ngành. Đến nay, có 1.650 cơ sở giáo dục.",), "8a", 1650, None),
        (("Có 990.000 học sinh được cấp mã định danh trên CSDL ngành.",), "8b", 990000, None),
        (("Có 60.000 giáo viên được quản lý bằng hồ sơ số với định danh.",), "8c", 60000, None),
        (("Tổng số giáo viên là 60.000, đều có hồ sơ số.",), "8c", 60000, None),
        (("Có 85% người học, phụ huynh hài lòng với dịch vụ trực tuyến.",), "9c", None, 85.0),
    ],
)
def test_contradictions_are_flagged(body, code, body_value, body_rate):
    flags = run(body, *SEED_APPENDIX)
    assert [(f.code, f.indicator) for f in flags] == [("body_appendix_mismatch", code)]
    evidence = flags[0].evidence
    assert (evidence["body_value"], evidence["body_rate"]) == (body_value, body_rate)
    assert flags[0].location is not None and flags[0].location.line == 1


@pytest.mark.parametrize(
    "body",
    [
        # the body quotes the total the appendix implies (6987 ÷ 99,3% ≈ 7036)
        ("Tiếp nhận 7036 hồ sơ giải quyết trực tuyến.",),
        # the same count, rate written with a dot
        ("Có 6987 hồ sơ giải quyết trực tuyến đạt 99.3%.",),
        # hedged numbers
        ("Đã có hơn 1.600 cơ sở giáo dục triển khai cơ sở dữ liệu.",),
        ("Có khoảng 6500 hồ sơ giải quyết trực tuyến.",),
        # a number about something else next to the same words
        ("Trang bị 3.274 máy tính bảng cho học sinh có mã định danh.",),
        ("Tổ chức bồi dưỡng cho 2.821 người là cán bộ quản lý về cơ sở dữ liệu.",),
        ("Có 1.588 cơ sở giáo dục nghề nghiệp triển khai CSDL.",),
        # all staff is not 8c's teachers
        ("Tổng số cán bộ, giáo viên, nhân viên là 70.000 người, có hồ sơ số.",),
        ("Có 70.000 giáo viên, nhân viên có hồ sơ số.",),
        # a figure for one year, not the cumulative one
        ("Năm 2023, Sở đã tiếp nhận 2.000 hồ sơ giải quyết trực tuyến.",),
        # a part of the population (one level, one sector), not the whole
        ("Có 500 cơ sở giáo dục mầm non đã dùng CSDL ngành.",),
        ("Có 300.000 học sinh tiểu học có mã định danh.",),
        ("Có 926.515 học sinh công lập có mã định danh.",),
        ("Có 8.000 giáo viên THCS có hồ sơ số.",),
        # training participants
        ("Tập huấn hồ sơ số cho 2.000 giáo viên.",),
        # no topic words (digital records) in the sentence or the one before
        ("Năm học này có 30.000 học sinh tham gia thi học sinh giỏi.",),
        # another mention agrees: the disagreeing one is about another year or scope
        ("Năm 2022 có 1.500 cơ sở giáo dục dùng CSDL; đến nay 1.588 cơ sở giáo dục dùng CSDL.",),
    ],
)
def test_agreements_and_unrelated_numbers_raise_nothing(body):
    assert run(body, *SEED_APPENDIX) == []


def test_missing_appendix_line_or_value_is_not_a_contradiction():
    body = ("Đã tiếp nhận 6500 hồ sơ giải quyết trực tuyến.",)
    assert run(body, line("9b", None, 99.3)) == []
    assert run(body, line("8a", 1588, 100.0)) == []


def test_body_stops_before_an_appendix_in_prose():
    body = ("Phụ lục 2", "- Số lượng hồ sơ giải quyết trực tuyến mức độ 3 và 4: 6500 hồ sơ trực tuyến đạt 99,3%")
    assert run(body, *SEED_APPENDIX) == []


@pytest.mark.parametrize(
    ("sentence", "appendix", "flagged"),
    [
        ("Đến nay, 18.044 giáo viên có máy tính, đạt tỉ lệ 98,1%.", line("1a", 18_404, 98.1), True),
        ("Đến nay, 18.404 giáo viên có máy tính, đạt tỉ lệ 98,1%.", line("1a", 18_404, 98.1), False),
        ("Có 17.897 giáo viên có đường truyền Internet, đạt 95,4%.", line("1c", 17_897, 95.4), False),
        ("Có 17.000 giáo viên có đường truyền Internet, đạt 95,4%.", line("1c", 17_897, 95.4), True),
        ("Số học sinh có máy tính: 136.481 học sinh có máy tính (45,2%).", line("2a", 136_481, 45.2), False),
        ("Có 200.000 học sinh có kết nối Internet.", line("2c", 235_823, 78.1), True),
        # a school year, or a year before ';', dates the figure: not the appendix's "hiện tại"
        ("Năm học 2024-2025 có 7.900 giáo viên có máy tính, đạt 97%.", line("1a", 8_123, 99.2), False),
        ("Năm 2023 có 7.900 giáo viên có máy tính; 80.000 học sinh có máy tính.", line("2a", 96_500, 51.4), False),
        # subsets and hedges are not the indicator's population
        ("Có 5.000 giáo viên tiểu học có máy tính.", line("1a", 18_404, 98.1), False),
        ("Gần 18.000 giáo viên có máy tính.", line("1a", 18_404, 98.1), False),
    ],
)
def test_equipment_sentences_against_the_appendix(sentence, appendix, flagged):
    flags = run((sentence,), appendix)
    assert [(f.code, f.indicator) for f in flags] == ([("body_appendix_mismatch", appendix.code)] if flagged else [])


@pytest.mark.parametrize(("body_total", "flagged"), [(15_020, False), (17_860, False), (16_400, True)])
def test_teacher_total_against_8c_that_counts_lecturers_too(body_total, flagged):
    """8c 'nhà giáo' may take in the lecturers of 1b/1d, as the population check allows."""
    sentence = (f"Tổng số giáo viên là {body_total:,}".replace(",", ".")
                + ", 100% giáo viên được quản lý bằng hồ sơ số với định danh thống nhất.")
    flags = run((sentence,), line("1b", 2_840, 100.0), line("8c", 17_860, 100.0))
    assert [(f.code, f.indicator) for f in flags] == ([("body_appendix_mismatch", "8c")] if flagged else [])

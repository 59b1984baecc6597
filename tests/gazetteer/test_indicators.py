"""Matching report wording to the 25 template lines of Appendix 2."""

import pytest

from gazetteer.indicators import catalog, match_label, template_codes

TEMPLATE_CODES = ["1a", "1b", "1c", "1d", "2a", "2b", "2c", "2d", "3a", "3b", "3c", "4a", "5a", "5b", "6a", "7a", "8a", "8b", "8c", "8d", "8e", "9a", "9b", "9c", "9d"]


def test_catalog_holds_the_25_template_lines_in_order():
    assert template_codes() == TEMPLATE_CODES
    assert all(ind.label for ind in catalog())


@pytest.mark.parametrize(
    ("label", "code"),
    [
        # template wording (seed 000) and the Hải Phòng report's (seed 001)
        ("Tổng số giáo viên có máy tính", "1a"),
        ("Tổng số giảng viên có máy tính", "1b"),
        ("Tổng số giáo viên có đường truyền Internet", "1c"),
        ("Tổng số giảng viên có đường truyền Internet", "1d"),
        ("Tổng số học sinh có máy tính", "2a"),
        ("Tổng số sinh viên có máy tính", "2b"),
        ("Tổng số học sinh có đường truyền Internet", "2c"),
        ("Tổng số sinh viên có đường truyền Internet", "2d"),
        ("Số nền tảng", "3a"),
        ("Số nền tảng là sản phẩm trong nước", "3b"),
        ("Số lượng học sinh/ sinh viên tham gia sử dụng nền tảng", "3c"),
        ("Tổng số cơ sở giáo dục đại học đã cung cấp", "4a"),
        ("Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc tiểu học chiếm", "5a"),
        ("Tỉ trọng nội dung triển khai dưới hình thức trực tuyến ở bậc trung học chiếm", "5b"),
        ("Tổng số lớp học trực tuyến trong các cơ sở giáo dục đại học đã triển khai", "6a"),
        ("Tổng số người học lấy bằng đại học thứ hai có thời lượng đào tạo trực tuyến >=50%", "7a"),
        ("Tổng số cơ sở giáo dục đã triển khai", "8a"),
        ("Số lượng người học được quản lý bằng hồ sơ số với định danh thống nhất", "8b"),
        ("Số lượng nhà giáo được quản lý bằng hồ sơ số với định danh thống nhất", "8c"),
        ("Số lượng các cơ sở giáo dục đào tạo quản lý hồ sơ số đối với cơ sở vật chất, thiết bị", "8d"),
        ("Số lượng hồ sơ công việc tại cấp Sở được vận hành dựa trên dữ liệu và công nghệ số", "8e"),
        ("Số lượng thủ tục hành chính đủ điều kiện được triển khai dịch vụ công trực tuyến toàn trình", "9a"),
        ("Số lượng hồ sơ giải quyết trực tuyến mức độ 3 và 4", "9b"),
        ("Số lượng (ước tính) người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến", "9c"),
        ("Số lượng (ước tính) tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến", "9d"),
        # rewordings, abbreviations, older wording, no diacritics
        ("GV có máy tính", "1a"),
        ("Giáo viên được trang bị laptop", "1a"),
        ("HS có kết nối Internet", "2c"),
        ("Sinh viên có đường truyền mạng", "2d"),
        ("TTHC đủ điều kiện DVCTT mức độ 3, 4", "9a"),
        ("Tỷ lệ hồ sơ TTHC giải quyết trực tuyến", "9b"),
        ("Tong so giao vien co may tinh", "1a"),
        ("Số nền tảng dạy học do Việt Nam phát triển", "3b"),
        ("Hồ sơ công việc của Sở GDĐT xử lý trên môi trường số", "8e"),
    ],
)
def test_match_label(label, code):
    match = match_label(label)
    assert match.indicator is not None, label
    assert match.indicator.code == code


@pytest.mark.parametrize(
    "label",
    [
        "Số lượng hồ sơ công việc tại cấp Phòng được vận hành dựa trên dữ liệu và công nghệ số",
        "Số phòng học thông minh",
        "Kinh phí đầu tư thiết bị dạy học (tỷ đồng)",
    ],
)
def test_lines_outside_the_template_have_no_code(label):
    assert match_label(label).indicator is None


def test_context_disambiguates_a_bare_sub_row():
    assert match_label("Giáo viên").indicator is None
    match = match_label("Giáo viên", "Số lượng nhà giáo được trang bị máy tính")
    assert match.indicator is not None and match.indicator.code == "1a"


def test_nearer_context_wins_over_the_row_heading():
    row_heading = "Số lượng nhà giáo được trang bị máy tính/ đường truyền Internet"
    assert match_label("- Giáo viên:", "a) Máy tính", row_heading).indicator.code == "1a"
    assert match_label("- Giáo viên:", "b) Đường truyền Internet", row_heading).indicator.code == "1c"


@pytest.mark.parametrize(
    ("label", "code"),
    [
        # held-out wording (tests/extractors/heldout): abbreviations, no diacritics, footnote marks
        ("GV có MT", "1a"),
        ("HS có MT", "2a"),
        ("Tong so giao vien co may tinh", "1a"),
        ("Tổng số giảng viên¹ có máy tính", "1b"),
        ("Tổng số học sinh2 có máy tính", "2a"),  # the template's footnote number typed inline
        ("Tổng số giảng viên1 có đường truyền Internet", "1d"),
        ("Tổng số giáo viên/giảng viên có máy tính", "1a"),  # the template's choice left unmade
        ("Tổng số học sinh/ sinh viên có đường truyền Internet", "2c"),
        ("Số HS, PHHS hài lòng về chất lượng dịch vụ trực tuyến (ước tính)", "9c"),
        # look-alike lines reports add: they must stay extra lines (no code)
        ("Số máy tính phục vụ học sinh học tập", None),
        ("Tỉ lệ giáo viên sử dụng thành thạo máy tính", None),
        ("Số giáo viên được tập huấn sử dụng nền tảng", None),
        ("Số hồ sơ tuyển sinh đầu cấp trực tuyến", None),
        ("Số học sinh/máy tính", None),
    ],
)
def test_held_out_wording_and_look_alikes(label, code):
    match = match_label(label)
    assert (match.indicator.code if match.indicator else None) == code


def test_both_populations_keep_the_university_reading_as_an_ambiguity():
    from gazetteer.indicators import match_label

    assert match_label("Tổng số giáo viên/giảng viên có máy tính").ambiguous_with == ("1b",)

"""Province resolution: seeds, letterheads, former names, senders, file names, negatives."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.model import Cell, Document, Location, Paragraph, Source, Table
from extractors.province import find_place_mentions, resolve_province
from readers import read_document

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "seeds"


def doc(*lines: str) -> Document:
    blocks = [Paragraph(text, Location(line=i + 1)) for i, text in enumerate(lines)]
    return Document(Source("mem.txt", "0" * 64, "txt"), blocks)


BODY = "Thực hiện công văn số 6541/BGDĐT-KHCNTT của Bộ Giáo dục và Đào tạo, báo cáo như sau:"


@pytest.mark.parametrize(
    ("seed", "name"),
    [
        ("000_ministry_letter_6541.txt", None),
        ("001_haiphong_report.txt", "Hải Phòng"),
        ("002_quangninh_guidance.txt", "Quảng Ninh"),
    ],
)
def test_seeds(seed: str, name: str | None) -> None:
    match = resolve_province(read_document(SEEDS / seed))
    assert (match.name if match else None) == name
    if match:
        assert match.former_name is None
        assert match.evidence


@pytest.mark.parametrize(
    ("lines", "name", "former"),
    [
        (("- Tên cơ quan báo cáo: Sở GDĐT thành phố Hải Phòng", BODY), "Hải Phòng", None),
        (("UBND TỈNH QUẢNG NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", BODY), "Quảng Ninh", None),
        (("ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG", "Đà Nẵng, ngày 3 tháng 11 năm 2025"), "Đà Nẵng", None),
        (("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH THANH HOÁ", BODY), "Thanh Hóa", None),
        (("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", BODY), "Quảng Trị", None),
        (("UBND TỈNH VĨNH LONG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BODY), "Vĩnh Long", None),
        (("UBND TỈNH ĐỒNG NAI Độc lập - Tự do - Hạnh phúc", BODY), "Đồng Nai", None),
        ((BODY, "Nghị quyết của Tỉnh ủy Điện Biên về chuyển đổi số"), "Điện Biên", None),
        (("SỞ GD&ĐT", "Cần Thơ, ngày 10 tháng 11 năm 2025", BODY), "Cần Thơ", None),
        (("Số: 12/BC-SGDĐT Lạng Sơn, ngày 10 tháng 11 năm 2025", BODY), "Lạng Sơn", None),
        (("UBND TỈNH HẢI DƯƠNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", BODY), "Hải Phòng", "Hải Dương"),
        (("SỞ GDĐT TỈNH HOÀ BÌNH", BODY), "Phú Thọ", "Hòa Bình"),
        (("UBND TỈNH BÀ RỊA - VŨNG TÀU", BODY), "TP. Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
        (("SỞ GIÁO DỤC VÀ ĐÀO TẠO THỪA THIÊN HUẾ", BODY), "Huế", "Thừa Thiên Huế"),
        (("UBND THÀNH PHỐ HỒ CHÍ MINH", BODY), "TP. Hồ Chí Minh", None),
        (("TP.HCM, ngày 1 tháng 11 năm 2025", BODY), "TP. Hồ Chí Minh", None),
        ((BODY, "TP. Huế, ngày 1 tháng 11 năm 2025"), "Huế", None),
        (
            (BODY, "Trên đây là báo cáo của Sở Giáo dục và Đào tạo tỉnh Gia Lai./."),
            "Gia Lai",
            None,
        ),
        # the report-name line beats other places mentioned earlier
        (
            (
                "Đoàn công tác học tập tại Sở GDĐT thành phố Hà Nội.",
                "Tên cơ quan báo cáo: Sở GDĐT tỉnh Nghệ An",
            ),
            "Nghệ An",
            None,
        ),
        # a body sentence starting with "Bộ Giáo dục..." is not a Ministry letterhead
        (
            ("Bộ Giáo dục và Đào tạo đã ban hành nhiều văn bản", "Sơn La, ngày 3 tháng 11 năm 2025"),
            "Sơn La",
            None,
        ),
        (("Số: 88/BC-UBND", "Hà Nội, ngày 3 tháng 11 năm 2025", BODY), "Hà Nội", None),
        # PDF lines wrapping a name or its unit word
        (("UBND THÀNH PHỐ HẢI", "PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", BODY), "Hải Phòng", None),
        ((BODY, "Trên đây là báo cáo của Sở GDĐT thành", "phố Đà Nẵng./."), "Đà Nẵng", None),
        # label and value on separate lines (table cells, wrapped PDF line)
        (("Tên cơ quan báo cáo:", "Sở Giáo dục và Đào tạo tỉnh Cà Mau"), "Cà Mau", None),
        (("- Tên cơ quan báo cáo", "UBND tỉnh Đồng Tháp"), "Đồng Tháp", None),
        # "Sở GDĐT tỉnh X báo cáo" names the reporter; a partner department does not
        (
            (
                "Phối hợp với Sở GDĐT thành phố Hà Nội tổ chức tập huấn.",
                "Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh báo cáo như sau:",
            ),
            "Hà Tĩnh",
            None,
        ),
        # without a header, the body vote weighs many "tỉnh X" over one partner Sở
        (
            (
                BODY,
                "Phối hợp với Sở GDĐT thành phố Hà Nội tổ chức tập huấn.",
                "100% trường trên địa bàn tỉnh Bắc Ninh; UBND tỉnh Bắc Ninh đã chỉ đạo",
                "Kế hoạch chuyển đổi số tỉnh Bắc Ninh",
            ),
            "Bắc Ninh",
            None,
        ),
        # the most-mentioned unit wins among body mentions
        (
            (
                BODY,
                "trên địa bàn tỉnh Lào Cai; học tập kinh nghiệm thành phố Hà Nội",
                "UBND tỉnh Lào Cai đã ban hành kế hoạch",
            ),
            "Lào Cai",
            None,
        ),
    ],
)
def test_document_evidence(lines: tuple[str, ...], name: str, former: str | None) -> None:
    match = resolve_province(doc(*lines))
    assert match is not None
    assert (match.name, match.former_name) == (name, former)


def test_header_in_a_table() -> None:
    loc = Location(table=0, row=0, cell=0)
    header = Table(
        rows=[
            [
                Cell("UBND TỈNH TÂY NINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO", loc),
                Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", loc, col=1),
            ],
            [Cell("Số: 45/BC-SGDĐT", loc), Cell("Tây Ninh, ngày 5 tháng 11 năm 2025", loc, col=1)],
        ],
        location=loc,
    )
    document = Document(Source("x.docx", "0" * 64, "docx"), [header, Paragraph(BODY, loc)])
    match = resolve_province(document)
    assert match is not None and match.name == "Tây Ninh"


@pytest.mark.parametrize(
    "lines",
    [
        # the Ministry's own letter: date line place and address are not a province
        (
            "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
            "Số: 6541/BGDĐT-KHCNTT",
            "Hà Nội, ngày 16 tháng 10 năm 2025",
            "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
            "gửi về Bộ GDĐT (số 35 Đại Cồ Việt, Bạch Mai, Hà Nội)",
        ),
        ("Hà Nội, ngày 16 tháng 10 năm 2025", "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố."),
        (
            "BỘ GIÁO DỤC VÀ ĐÀO TẠO CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Hà Nội, ngày 16 tháng 10 năm 2025",
            "Kính gửi: Sở GDĐT thành phố Hải Phòng",
        ),
        ("Số: 15/BC-BGDĐT", "Hà Nội, ngày 16 tháng 10 năm 2025", BODY),
        ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Hà Nội, ngày 2 tháng 10 năm 2025", BODY),
        ("gửi về Bộ GDĐT (số 35 Đại Cồ Việt, Bạch Mai, Hà Nội)",),
        ("Sở Giáo dục tỉnh Gyeongsangnam - Hàn Quốc tài trợ thiết bị",),
        ("Góp phần giữ gìn hòa bình, học tập tư tưởng Hồ Chí Minh", "vùng Thái Bình Dương"),
        ("tại Hà Nội, ngày 5/6/2024 Bộ GDĐT tổ chức hội nghị",),
        # a list headed "Tên đơn vị" is not the reporting body
        ("Tên đơn vị tham gia gồm các trường", "Trường THPT chuyên Hà Nội - Amsterdam"),
        (),
    ],
)
def test_no_province(lines: tuple[str, ...]) -> None:
    assert resolve_province(doc(*lines)) is None


@pytest.mark.parametrize(
    ("sender", "filename", "name", "former"),
    [
        ("sgddt@haiphong.gov.vn", None, "Hải Phòng", None),
        ("Văn phòng <vanphong@quangninh.edu.vn>", None, "Quảng Ninh", None),
        ("Sở GDĐT Bắc Ninh <vp.sgd@gmail.com>", None, "Bắc Ninh", None),
        ("VP So GDDT Kien Giang <vp@gmail.com>", None, "An Giang", "Kiên Giang"),
        ("sgddt@hcm.edu.vn", None, "TP. Hồ Chí Minh", None),
        ("phongkhtc@hanoiedu.vn", None, "Hà Nội", None),
        ("sogddt@daklak.gov.vn", None, "Đắk Lắk", None),
        ("vanthu@sgddt.thanhhoa.gov.vn", None, "Thanh Hóa", None),
        (None, "BaoCao_HaiPhong_131.docx", "Hải Phòng", None),
        (None, "bao-cao-tong-ket-quang-ninh.pdf", "Quảng Ninh", None),
        (None, "Báo cáo 131 - Sở GDĐT Nam Định.docx", "Ninh Bình", "Nam Định"),
        (None, "/tmp/inbox/BC 131 TPHCM.xlsx", "TP. Hồ Chí Minh", None),
        (None, "C:\\Users\\x\\BC_BRVT.pdf", "TP. Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
        # the sender outranks the file name
        ("sgddt@cantho.gov.vn", "BaoCao_HaiPhong.docx", "Cần Thơ", None),
        ("sgddt.haiphong@gmail.com", None, "Hải Phòng", None),
        # a person called Thái Bình is not evidence; the file name then decides
        ("Trần Thái Bình <thaibinh.tran@gmail.com>", "BC_LaoCai.docx", "Lào Cai", None),
    ],
)
def test_sender_and_filename(
    sender: str | None, filename: str | None, name: str, former: str | None
) -> None:
    match = resolve_province(doc(BODY), sender=sender, filename=filename)
    assert match is not None
    assert (match.name, match.former_name) == (name, former)


@pytest.mark.parametrize(
    ("sender", "filename"),
    [
        ("cuckhcntt@moet.gov.vn", None),
        ("nguyenvana@gmail.com", "bao_cao_bang_tong_hop.xlsx"),
        (None, "Bao cao bang so lieu.docx"),
        (None, "phu_luc_2.xlsx"),
        (None, "Phương án giảng dạy trực tuyến.docx"),
        ("Trần Thái Bình <thaibinh.tran@gmail.com>", None),
        ("Nguyễn Hòa Bình <hoabinh@yahoo.com>", None),
    ],
)
def test_sender_and_filename_negative(sender: str | None, filename: str | None) -> None:
    assert resolve_province(doc(BODY), sender=sender, filename=filename) is None


def test_filename_defaults_to_source_path() -> None:
    document = Document(
        Source("/data/inbox/BaoCao_QuangNgai.docx", "0" * 64, "docx"), [Paragraph(BODY, Location())]
    )
    match = resolve_province(document)
    assert match is not None and match.name == "Quảng Ngãi"


def test_document_text_outranks_sender() -> None:
    match = resolve_province(
        doc("UBND TỈNH SƠN LA", BODY), sender="sgddt@haiphong.gov.vn", filename="HaiPhong.docx"
    )
    assert match is not None and match.name == "Sơn La"


def test_ministry_letter_ignores_sender() -> None:
    letter = doc("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Hà Nội, ngày 16 tháng 10 năm 2025")
    assert resolve_province(letter, sender="sgddt@haiphong.gov.vn") is None


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("UBND TỈNH QUẢNG NINH", ["ubnd"]),
        ("Sở GD&ĐT Thừa Thiên Huế", ["so"]),
        ("Ủy ban nhân dân (UBND) thành phố Hải Phòng", ["ubnd"]),
        ("Hải Phòng, ngày 10 tháng 11 năm 2025", ["date"]),
        ("trên địa bàn tỉnh Bà Rịa-Vũng Tàu", ["unit"]),
        ("35 Đại Cồ Việt, Bạch Mai, Hà Nội", ["bare"]),
        ("Thái Bình Dương", []),
        ("các cơ sở giáo dục tỉnh Hưng Yên", ["unit"]),
    ],
)
def test_mention_kinds(line: str, kinds: list[str]) -> None:
    assert [m.kind for m in find_place_mentions(line)] == kinds

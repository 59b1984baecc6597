"""The provinces gazetteer: 34 current units, every former unit mapped, aliases."""

from __future__ import annotations

from collections import Counter

import pytest

from gazetteer import load_csv
from gazetteer.provinces import ProvinceEntry, lookup, lookup_ascii, unit_type, units

CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP. Hồ Chí Minh", "Cần Thơ"}


def test_34_current_units_6_cities() -> None:
    assert len(units()) == 34
    assert len(set(units())) == 34
    assert {u for u in units() if unit_type(u) == "thành phố"} == CITIES


def test_63_former_units_accounted_for() -> None:
    rows = load_csv("provinces.csv")
    former = {r["name"] for r in rows if r["status"] == "former"} - {"Thừa Thiên Huế"}
    # 63 former units = 34 whose name lives on + 29 merged away (Thừa Thiên Huế is Huế)
    assert len(former) == 29
    assert len(former | set(units())) == 63
    assert all(r["canonical"] in units() for r in rows)


def test_merged_unit_sizes() -> None:
    rows = load_csv("provinces.csv")
    absorbed = Counter(r["canonical"] for r in rows if r["status"] == "former")
    assert absorbed["TP. Hồ Chí Minh"] == 2
    assert absorbed["Cần Thơ"] == 2
    assert absorbed["Phú Thọ"] == 2
    assert absorbed["Tuyên Quang"] == 1
    assert "Quảng Ninh" not in absorbed


@pytest.mark.parametrize(
    ("name", "canonical", "former"),
    [
        ("Hải Phòng", "Hải Phòng", None),
        ("tỉnh Quảng Ninh", "Quảng Ninh", None),
        ("THÀNH PHỐ HỒ CHÍ MINH", "TP. Hồ Chí Minh", None),
        ("TP.HCM", "TP. Hồ Chí Minh", None),
        ("TPHCM", "TP. Hồ Chí Minh", None),
        ("Hồ Chí Minh", "TP. Hồ Chí Minh", None),
        ("Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "TP. Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
        ("Bình Dương", "TP. Hồ Chí Minh", "Bình Dương"),
        ("Thanh Hoá", "Thanh Hóa", None),
        ("Thanh Hóa", "Thanh Hóa", None),
        ("Đắc Lắc", "Đắk Lắk", None),
        ("Hoà Bình", "Phú Thọ", "Hòa Bình"),
        ("Thừa Thiên Huế", "Huế", "Thừa Thiên Huế"),
        ("Huế", "Huế", None),
        ("UBND tỉnh Hải Dương", "Hải Phòng", "Hải Dương"),
        ("Quảng Nam", "Đà Nẵng", "Quảng Nam"),
        ("Hà Giang", "Tuyên Quang", "Hà Giang"),
        ("Kiên Giang", "An Giang", "Kiên Giang"),
        ("\u00d0à Nẵng", "Đà Nẵng", None),  # eth lookalike
        ("haiphong", "Hải Phòng", None),
        ("hai-phong", "Hải Phòng", None),
        ("QuangNinh", "Quảng Ninh", None),
        ("brvt", "TP. Hồ Chí Minh", "Bà Rịa - Vũng Tàu"),
    ],
)
def test_lookup(name: str, canonical: str, former: str | None) -> None:
    assert lookup(name) == ProvinceEntry(canonical, former)


@pytest.mark.parametrize("name", ["Gyeongsangnam", "Hàn Quốc", "", "Việt Nam", "Hà"])
def test_lookup_unknown(name: str) -> None:
    assert lookup(name) is None


def test_ascii_aliases_are_unambiguous() -> None:
    """Every name, stripped of diacritics, still leads back to its own unit (no clash)."""
    for row in load_csv("provinces.csv"):
        entry = lookup_ascii(row["name"])
        assert entry is not None and entry.canonical == row["canonical"], row["name"]
    assert lookup_ascii("ha nam") == ProvinceEntry("Ninh Bình", "Hà Nam")
    assert lookup_ascii("ha noi") == ProvinceEntry("Hà Nội", None)

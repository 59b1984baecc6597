"""Build a mailbox export folder with plain-text reports from several provinces.

Used by the outputs tests (workbook, report, letters) so they see more than the sample
mailbox's handful of provinces.  Figures come from a seeded generator: each province's
rate is its count over a population it draws, written the Vietnamese way (51.608;
97,1%); one province gets a rate over 100% so a flag is raised.

    python scripts/build_province_mailbox.py OUT_DIR [--provinces N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def vn_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def vn_rate(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def report_text(province: str, number: int, rng: random.Random, broken: bool = False) -> str:
    from gazetteer.indicators import catalog

    lines = [
        f"UBND {province.upper()}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        f"Số: {number}/BC-SGDĐT", "",
        "BÁO CÁO", "Tổng kết thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ", "",
        f"Thực hiện Văn bản số 6541/BGDĐT-KHCNTT ngày 16/10/2025 của Bộ Giáo dục và Đào tạo, "
        f"Sở GDĐT {province} báo cáo như sau:", "",
        "PHỤ LỤC 2", "BIỂU SỐ LIỆU THỐNG KÊ",
    ]
    for index, indicator in enumerate(catalog()):
        population = rng.randint(2_000, 90_000)
        count = rng.randint(population // 2, population)
        rate = 100.0 * count / population
        if broken and index == 0:
            rate = 112.5
        if indicator.measures == "count":
            lines.append(f"- {indicator.label}: {vn_int(count)}")
        elif indicator.measures == "rate":
            lines.append(f"- {indicator.label}: đạt tỉ lệ {vn_rate(rate)}%")
        else:
            lines.append(f"- {indicator.label}: {vn_int(count)} đạt tỉ lệ: {vn_rate(rate)}%")
    lines += ["", "Nơi nhận:", "- Bộ GDĐT;", "GIÁM ĐỐC"]
    return "\n".join(lines) + "\n"


def build(out: Path, count: int = 6, seed: int = 131) -> Path:
    from gazetteer.provinces import units
    from outputs.neutral import slugify

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    chosen = rng.sample(list(units()), count)
    for index, province in enumerate(chosen):
        slug = slugify(province) or str(index)
        text = report_text(province, 1000 + index, rng, broken=index == 0)
        (out / f"bao-cao-131-{index:02d}-{slug}.txt").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--provinces", type=int, default=6)
    parser.add_argument("--seed", type=int, default=131)
    args = parser.parse_args()
    print(build(args.out, args.provinces, args.seed))


if __name__ == "__main__":
    main()

# ruff: noqa: E501  -- verbatim template/seed lines stay whole so they can be grepped against the seeds
"""Build the sample reports the project ships and tests on, with their gold files.

Run ``python scripts/build_samples.py`` from anywhere: it reads only files inside the repo
(``samples/seeds/``) and rewrites ``samples/reports/`` and ``samples/gold/``.

Why a script and not hand-made files: the samples must be reproducible from a fresh clone,
and the variants' gold files are written from the very values the generator used, so a
gold file can never drift from its document.  The Hải Phòng report is the exception: its
appendix is copied verbatim from the real report (seed 001, mistakes included) and its gold
file is written by hand (``HAIPHONG_GOLD`` below, read line by line from the seed).

The generator functions (``make_variant``, ``write_docx_report``, ``write_xlsx_report``,
``convert_to_pdf``) are also used by ``bench/benchmark.py`` to make a larger corpus.

The builders live one family per module in ``scripts/sample_builders/`` (``template``: the
Appendix 2 lines; ``values``: seeded figures and number styles; ``docx_helpers``;
``haiphong``; ``variants``: the generated Word layouts; ``xlsx``; ``blank_template``;
``pdf``); this entry keeps the CLI, the list of committed variants and the gold files, and
re-exports the builders' names for ``bench/`` and ``build_trap_samples.py``.

Output is byte-stable for DOCX/XLSX (fixed zip timestamps and core properties); PDFs get
their creation date and document ID pinned so a rebuild does not churn git.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sample_builders/ beside this script

from sample_builders.blank_template import *  # noqa: E402, F403 - re-exported for bench/, tests and build_trap_samples
from sample_builders.blank_template import TEMPLATE_GOLD, build_template  # noqa: E402
from sample_builders.docx_helpers import *  # noqa: E402, F403 - re-exported for bench/, tests and build_trap_samples
from sample_builders.haiphong import *  # noqa: E402, F403 - re-exported for bench/, tests and build_trap_samples
from sample_builders.haiphong import HAIPHONG_GOLD, build_haiphong  # noqa: E402
from sample_builders.pdf import *  # noqa: E402, F403 - re-exported for bench/, tests and build_trap_samples
from sample_builders.pdf import convert_to_pdf  # noqa: E402
from sample_builders.template import *  # noqa: E402, F403 - re-exported for bench/, tests and build_trap_samples
from sample_builders.template import GOLD, REPO, REPORTS  # noqa: E402
from sample_builders.values import *  # noqa: E402, F403 - re-exported for bench/, tests and build_trap_samples
from sample_builders.values import Variant, gold_of, make_variant  # noqa: E402
from sample_builders.variants import *  # noqa: E402, F403 - re-exported for bench/, tests and build_trap_samples
from sample_builders.variants import write_docx_report  # noqa: E402
from sample_builders.xlsx import *  # noqa: E402, F403 - re-exported for bench/, tests and build_trap_samples
from sample_builders.xlsx import write_xlsx_report, write_xlsx_units_report  # noqa: E402

# ---------------------------------------------------------------------------
# The committed variants
# ---------------------------------------------------------------------------


def sample_variants() -> list[tuple[Variant, str, str | None]]:
    """(variant, output format, header province if different from the canonical one)."""
    return [
        (
            Variant(
                "nghean_5col",
                "Nghệ An",
                "tỉnh Nghệ An",
                "five_col",
                "nghean-2025",
                count_style="vi",
                rate_style="vi",
                wording=2,
                extra_line=(8, "Số phòng học thông minh đã đưa vào sử dụng", 412, None),
                number="3120/BC-SGDĐT",
                date=(10, 11, 2025),
                signer="Thái Văn Thành",
            ),
            "docx",
            None,
        ),
        (
            Variant(
                "lamdong_prose",
                "Lâm Đồng",
                "tỉnh Lâm Đồng",
                "prose",
                "lamdong-2025",
                bullet="+ ",
                count_style="en",
                rate_style="en",
                wording=1,
                number="1877/BC-SGDĐT",
                date=(13, 11, 2025),
                signer="Phạm Thị Hồng",
            ),
            "docx+pdf",
            None,
        ),
        (
            Variant(
                "cantho_merged",
                "Cần Thơ",
                "thành phố Cần Thơ",
                "merged_rows",
                "cantho-2025",
                count_style="vi",
                rate_style="vi_sp",
                wording=0,
                number="2456/BC-SGDĐT",
                date=(11, 11, 2025),
                signer="Trần Văn Hùng",
            ),
            "docx+pdf",
            None,
        ),
        (
            Variant(
                "tuyenquang_appendix",
                "Tuyên Quang",
                "tỉnh Tuyên Quang",
                "xlsx",
                "tuyenquang-2025",
                has_university=False,
                number="905/BC-SGDĐT",
                date=(14, 11, 2025),
            ),
            "xlsx",
            None,
        ),
        (
            Variant(
                "thanhhoa_long",
                "Thanh Hóa",
                "tỉnh Thanh Hóa",
                "five_col",
                "thanhhoa-2025",
                ti_le="tỷ lệ",
                count_style="plain",
                rate_style="en",
                wording=1,
                body_paragraphs=30,
                appendix_on_new_page=False,
                number="4102/BC-SGDĐT",
                date=(12, 11, 2025),
                signer="Lê Thị Mai",
            ),
            "pdf",
            None,
        ),
        (
            Variant(
                "binhdinh_former_name",
                "Gia Lai",
                "tỉnh Bình Định",
                "three_col",
                "binhdinh-2025",
                bullet="+ ",
                ti_le="tỷ lệ",
                count_style="vi",
                rate_style="en",
                wording=0,
                former_province="Bình Định",
                extra_line=(
                    8,
                    "Số lượng hồ sơ công việc tại cấp Phòng được vận hành dựa trên dữ liệu và công nghệ số",
                    1260,
                    96.5,
                ),
                number="1533/BC-SGDĐT",
                date=(7, 11, 2025),
                signer="Đào Đức Tuấn",
            ),
            "docx",
            "Bình Định",
        ),
        (
            Variant(
                "quangtri_remarks",
                "Quảng Trị",
                "tỉnh Quảng Trị",
                "remarks",
                "quangtri-2025",
                count_style="vi",
                rate_style="vi",
                wording=1,
                bullet="• ",
                number="2087/BC-SGDĐT",
                date=(11, 11, 2025),
                signer="Hoàng Văn Sơn",
            ),
            "docx",
            None,
        ),
        (
            Variant(
                "daklak_units",
                "Đắk Lắk",
                "tỉnh Đắk Lắk",
                "xlsx_units",
                "daklak-2025",
                wording=2,
                extra_line=(9, "Số lượng giao dịch thanh toán không dùng tiền mặt", 184250, 91.3),
                number="1650/BC-SGDĐT",
                date=(13, 11, 2025),
            ),
            "xlsx",
            None,
        ),
    ]


def write_gold(stem: str, gold: dict) -> None:
    GOLD.mkdir(parents=True, exist_ok=True)
    text = json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
    # one indicator per line: a reviewer reads the gold like the appendix
    for code, reading in gold["indicators"].items():
        pretty = json.dumps({code: reading}, ensure_ascii=False, indent=2)[2:-2]
        compact = f'"{code}": ' + json.dumps(reading, ensure_ascii=False)
        text = text.replace(pretty.replace("\n", "\n  "), compact, 1)
    (GOLD / f"{stem}.json").write_text(text, encoding="utf-8")


def build_all(out_dir: Path = REPORTS, with_pdf: bool = True) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    built = [build_haiphong(out_dir), build_template(out_dir)]
    write_gold("haiphong_report", HAIPHONG_GOLD)
    write_gold("ministry_template_blank", TEMPLATE_GOLD)
    to_pdf = [built[0]]
    with tempfile.TemporaryDirectory(prefix="baocao-samples-") as tmp:
        for variant, fmt, header_province in sample_variants():
            make_variant(variant)
            write_gold(variant.stem, gold_of(variant))
            if fmt == "xlsx":
                writer = write_xlsx_units_report if variant.layout == "xlsx_units" else write_xlsx_report
                built.append(writer(variant, out_dir / f"{variant.stem}.xlsx"))
            elif fmt == "pdf":
                to_pdf.append(write_docx_report(variant, Path(tmp) / f"{variant.stem}.docx", header_province))
            else:
                built.append(write_docx_report(variant, out_dir / f"{variant.stem}.docx", header_province))
                if fmt == "docx+pdf":  # the same document both ways
                    to_pdf.append(built[-1])
        if with_pdf:
            built += convert_to_pdf(to_pdf, out_dir)
    return built


def iter_sizes(paths: Iterable[Path]) -> Iterator[str]:
    for path in paths:
        yield f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {path.stat().st_size // 1024} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversions")
    args = parser.parse_args(argv)
    built = build_all(with_pdf=not args.no_pdf)
    for line in iter_sizes(built):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

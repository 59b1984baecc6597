"""README pictures from the samples: the "Phụ lục 2" sheet and one report chart.

Builds a store from the sample mailbox plus the generated province reports
(scripts/build_mailbox.py, scripts/build_province_mailbox.py), writes the workbook,
renders its first sheet with LibreOffice headless → PDF → pdftoppm → PNG, and saves
the 1a rate chart as the report embeds it.

    python scripts/make_screenshots.py [OUT_DIR]   # default docs/screenshots
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _script(name: str):  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def build_store(work: Path) -> Path:
    from flows.batch import run_batch

    store = work / "store"
    run_batch(_script("build_mailbox").build(work / "mailbox"), store)
    run_batch(_script("build_province_mailbox").build(work / "generated"), store)
    return store


def workbook_png(store: Path, work: Path, out: Path) -> Path:
    """The appendix sheet only, first page, as LibreOffice prints it (landscape, fit to width)."""
    from openpyxl import load_workbook

    from outputs.workbook import APPENDIX, write_export
    from store.db import open_engine

    book_path = work / "phu-luc-2.xlsx"
    write_export(open_engine(store), book_path)
    book = load_workbook(book_path)
    for sheet in book.worksheets:
        if sheet.title != APPENDIX:
            book.remove(sheet)
    sheet = book[APPENDIX]
    sheet.print_area = "A1:T28"  # Cả nước and the first units: readable at README width
    book.save(book_path)
    profile = work / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(book_path)], check=True, capture_output=True, timeout=300)  # fmt: skip
    subprocess.run(["pdftoppm", "-png", "-r", "130", "-f", "1", "-l", "1", "-singlefile",
                    str(book_path.with_suffix(".pdf")), str(out.with_suffix(""))], check=True, timeout=120)  # fmt: skip
    _trim(out)
    return out


def _trim(path: Path) -> None:
    """Cut the page's white margins so the README shows the table, not paper."""
    from PIL import Image, ImageChops

    with Image.open(path) as image:
        rgb = image.convert("RGB")
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
    if box:
        left, top, right, bottom = box
        rgb.crop((max(left - 12, 0), max(top - 12, 0), right + 12, bottom + 12)).save(path)


def chart_png(store: Path, out: Path) -> Path:
    from outputs.charts import rate_chart
    from outputs.snapshot import build_snapshot
    from store.db import open_engine, session_scope

    with session_scope(open_engine(store)) as session:
        out.write_bytes(rate_chart(build_snapshot(session), "1a"))
    return out


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="baocao-shots-"))
    try:
        store = build_store(work)
        print(workbook_png(store, work, out_dir / "phu-luc-2.png"))
        print(chart_png(store, out_dir / "bieu-do-1a.png"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

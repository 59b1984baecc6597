"""Benchmark: how fast ``extract_path`` reads reports, next to a plain-library baseline.

Not a test (no timed assertions anywhere): run it by hand and read the table.

    python bench/benchmark.py --n 5 --pages 20
    python bench/benchmark.py --n 3 --pages 20 --extra citations   # + citations-only, 50-page report
    python bench/benchmark.py --formats none --extra startup,startup-extract,prefect --prefect-server
    python bench/benchmark.py --n 1 --formats xlsx --extra ocr     # + OCR ms/page at 200/300 dpi
    python bench/benchmark.py --formats none --extra shares        # batch time share: OCR, LibreOffice

It generates a corpus with ``scripts/build_samples.py`` (N reports per format: DOCX; the same
DOCX converted to PDF by LibreOffice, about ``--pages`` pages each with the appendix at the
end; XLSX appendices), then measures each task in its **own child process** so that peak
memory (``ru_maxrss``) belongs to that task alone:

- ``extract``: ``flows.pipeline.extract_path`` (read + every extractor + checks);
- ``baseline``: the plain libraries on the same files: pdfplumber ``extract_tables()`` and
  ``extract_text()`` on every page; python-docx open + iterate paragraphs and table cells;
  openpyxl load + iterate every cell; for PDF also pypdfium2 text of every page (the floor).

Per task it reports seconds per report, pages/s and reports/s over the warm runs (the first
call, with its lazy imports, is shown apart as "cold"), the Python peak (tracemalloc, on up
to 3 files) and the child's peak RSS.  Pages of a DOCX are the pages of its PDF conversion;
pages of an XLSX are its sheets.

Hooks for later figures: add a function to ``TASKS`` (what a child runs on one file) and a
``Measurement`` producer to ``EXTRA_MEASURES`` (what corpus it runs on); see
``measure_citations`` (citations only, on a 50-page report), ``measure_startup``
(``baocao --help`` and ``baocao status`` start-up) and ``measure_batch`` (a stub
for the mailbox/batch figure).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

PROVINCES = [
    ("Nghệ An", "tỉnh Nghệ An"),
    ("Lâm Đồng", "tỉnh Lâm Đồng"),
    ("Gia Lai", "tỉnh Gia Lai"),
    ("Cần Thơ", "thành phố Cần Thơ"),
    ("Tuyên Quang", "tỉnh Tuyên Quang"),
    ("Thanh Hóa", "tỉnh Thanh Hóa"),
    ("Đắk Lắk", "tỉnh Đắk Lắk"),
    ("Quảng Trị", "tỉnh Quảng Trị"),
]
DOCX_LAYOUTS = ["five_col", "three_col", "merged_rows", "prose"]
PARAGRAPHS_PER_PAGE = 9.0  # filler paragraphs per A4 page at 14 pt (fitted on generated reports)
MAX_TRACED_FILES = 3


# ---------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------


@dataclass
class Corpus:
    files: dict[str, list[Path]]  # format -> files
    pages: dict[Path, int]  # file -> pages (PDF pages; DOCX = its PDF's; XLSX = sheets)


def body_paragraphs_for(pages: int) -> int:
    """Filler paragraphs so that header + body + appendix come to about ``pages`` pages."""
    return max(3, round((pages - 3.5) * PARAGRAPHS_PER_PAGE))


def bench_variant(index: int, pages: int, layout: str):
    import build_samples as bs

    province, unit = PROVINCES[index % len(PROVINCES)]
    variant = bs.Variant(
        stem=f"bench_{index:03d}_{layout}",
        province=province,
        unit=unit,
        layout=layout,
        seed=f"bench-{index}",
        count_style=["vi", "en", "plain"][index % 3],
        rate_style=["vi", "en", "vi_sp"][index % 3],
        wording=index % 3,
        body_paragraphs=body_paragraphs_for(pages),
    )
    return bs.make_variant(variant)


def build_corpus(workdir: Path, n: int, pages: int, formats: list[str]) -> Corpus:
    """N DOCX (layouts in turn), their PDF conversions, and N XLSX appendices."""
    import build_samples as bs

    files: dict[str, list[Path]] = {}
    page_counts: dict[Path, int] = {}
    docx_dir, pdf_dir, xlsx_dir = workdir / "docx", workdir / "pdf", workdir / "xlsx"
    if {"docx", "pdf"} & set(formats):
        variants = [bench_variant(i, pages, DOCX_LAYOUTS[i % len(DOCX_LAYOUTS)]) for i in range(n)]
        docs = [bs.write_docx_report(v, docx_dir / f"r{i:03d}.docx") for i, v in enumerate(variants)]
        pdfs = bs.convert_to_pdf(docs, pdf_dir)
        for doc, pdf in zip(docs, pdfs, strict=True):
            page_counts[pdf] = page_counts[doc] = pdf_pages(pdf)
        files["docx"], files["pdf"] = docs, pdfs
    if "xlsx" in formats:
        files["xlsx"] = [
            bs.write_xlsx_report(bench_variant(i, pages, "xlsx"), xlsx_dir / f"r{i:03d}.xlsx") for i in range(n)
        ]
        for path in files["xlsx"]:
            import openpyxl

            page_counts[path] = len(openpyxl.load_workbook(path, read_only=True).sheetnames)
    return Corpus({f: files[f] for f in formats if f in files}, page_counts)


def pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def make_long_report(workdir: Path, pages: int = 50) -> list[Path]:
    """One long report (DOCX and its PDF) for per-page figures such as citations-only timing."""
    import build_samples as bs

    variant = bench_variant(999, pages, "five_col")
    doc = bs.write_docx_report(variant, workdir / "long" / f"long_{pages}p.docx")
    return [doc, *bs.convert_to_pdf([doc], workdir / "long")]


# ---------------------------------------------------------------------------
# Tasks: what a child process runs on one file
# ---------------------------------------------------------------------------


def task_extract(path: Path) -> None:
    from flows.pipeline import extract_path

    extract_path(path)


def task_baseline(path: Path) -> None:
    """The plain libraries doing the obvious full read of the same file."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.extract_text()
                page.flush_cache()
    elif suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        for paragraph in document.paragraphs:
            _ = paragraph.text
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text
    elif suffix == ".xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(path)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    _ = (cell.value, cell.number_format)
    else:
        raise ValueError(f"no baseline for {suffix}")


def task_pdfium_text(path: Path) -> None:
    """The cheapest full read of a PDF: pypdfium2 text of every page (the floor for locating)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for page in document:
            page.get_textpage().get_text_range()
    finally:
        document.close()


def task_citations(path: Path) -> None:
    from extractors.citations import extract_citations
    from readers import read_document

    extract_citations(read_document(path))


TASKS: dict[str, Callable[[Path], None]] = {
    "extract": task_extract,
    "baseline": task_baseline,
    "pdfium_text": task_pdfium_text,
    "citations": task_citations,
}


def run_child(task_name: str, paths: list[Path]) -> dict:
    """In the child: cold call, warm timings, then a traced pass for the Python peak."""
    task = TASKS[task_name]
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    errors: list[str] = []

    cpu: list[float] = []

    def call(path: Path) -> float:
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            task(path)
        except Exception as exc:  # noqa: BLE001 - a failing file is reported, not fatal
            errors.append(f"{path.name}: {type(exc).__name__}: {exc}"[:300])
        cpu.append(time.process_time() - start_cpu)
        return time.perf_counter() - start

    cold = call(paths[0])
    cpu.clear()
    warm = [call(path) for path in paths]
    warm_cpu = list(cpu)
    peak = 0
    for path in paths[:MAX_TRACED_FILES]:
        tracemalloc.start()
        call(path)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return {
        "cold": cold,
        "seconds": warm,
        "cpu_seconds": warm_cpu,
        "peak_py": peak,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_start_kb": rss_start,
        "errors": sorted(set(errors)),
    }


def spawn(task_name: str, paths: list[Path]) -> dict:
    """Run one task over files in a fresh interpreter; return its JSON report."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", task_name, *map(str, paths)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=3600)
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# Measurements and the table
# ---------------------------------------------------------------------------


@dataclass
class Measurement:
    label: str  # e.g. "PDF extract"
    task: str
    files: list[Path]
    pages: int
    report: dict = field(default_factory=dict)

    def row(self) -> list[str]:
        if "failed" in self.report:
            return [self.label, str(len(self.files)), str(self.pages), "child failed: " + self.report["failed"][:60]]
        seconds = self.report["seconds"]
        total = sum(seconds)
        per_report = statistics.median(seconds)
        return [
            self.label,
            str(len(self.files)),
            str(self.pages),
            f"{per_report * 1000:.0f}",
            f"{statistics.median(self.report['cpu_seconds']) * 1000:.0f}",
            f"{self.report['cold'] * 1000:.0f}",
            f"{self.pages / total:.1f}" if total else "-",
            f"{len(self.files) / total:.2f}" if total else "-",
            f"{self.report['peak_py'] / 2**20:.1f}",
            f"{self.report['maxrss_kb'] / 1024:.0f}",
            str(len(self.report["errors"])),
        ]


HEADER = ["task", "files", "pages", "ms/report", "CPU ms", "cold ms", "pages/s", "reports/s"]
HEADER += ["py peak MB", "RSS MB", "errors"]


def print_table(measurements: list[Measurement]) -> None:
    rows = [HEADER] + [m.row() for m in measurements]
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(len(HEADER))]
    for index, row in enumerate(rows):
        print("  ".join(cell.rjust(widths[i]) if i else cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    for m in measurements:
        for error in m.report.get("errors", [])[:3]:
            print(f"  ! {m.label}: {error}")


def standard_measures(corpus: Corpus) -> list[Measurement]:
    measures = []
    for fmt, files in corpus.files.items():
        pages = sum(corpus.pages[f] for f in files)
        measures.append(Measurement(f"{fmt.upper()} extract_path", "extract", files, pages))
        baseline = {"pdf": "pdfplumber tables+text", "docx": "python-docx iterate", "xlsx": "openpyxl load"}[fmt]
        measures.append(Measurement(f"{fmt.upper()} baseline ({baseline})", "baseline", files, pages))
        if fmt == "pdf":
            measures.append(Measurement("PDF baseline (pypdfium2 text only)", "pdfium_text", files, pages))
    return measures


def measure_citations(workdir: Path, args: argparse.Namespace) -> list[Measurement]:
    """Citations only (read + extract_citations) on one 50-page report, DOCX and PDF."""
    files = make_long_report(workdir, pages=50)
    pages = pdf_pages(files[-1])
    return [Measurement(f"{p.suffix[1:].upper()} citations only", "citations", [p], pages) for p in files]


def measure_batch(workdir: Path, args: argparse.Namespace) -> list[Measurement]:
    """The mailbox figure: ``flows.bench`` on a generated mailbox, in its own process.

    Prints messages/s, cores used (cpu/wall) and peak RSS of the process tree with 1, 2
    and all-cores workers (and, with
    ``--prefect-messages``, Prefect's per-document overhead) as the flows module measures
    them; returns no table rows because its unit is a mailbox, not a report.
    """
    command = [sys.executable, "-m", "flows.bench", "--messages", str(args.messages)]
    if args.prefect_messages:
        command += ["--prefect-messages", str(args.prefect_messages)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1]) if done.returncode == 0 and lines else {"failed": done.stderr[-300:]}
    print(f"\nbatch (python -m flows.bench --messages {args.messages}):")
    for line in lines[:-1]:  # one line per worker count: messages/s, cpu/wall, peak RSS of the tree
        print(f"  {line}")
    for key, value in figures.items():
        if key != "runs":
            print(f"  {key}: {value}")
    return []


# `baocao --help` / `baocao status` wall time before the floors work (issue 13), same machine;
# status/letters/export on the sample mailbox's store: CPU ms before spaCy was made lazy
# (commit 82ffa8b: letters imported spaCy through checks -> extractors.citations), load 8.
STARTUP_BEFORE_MS = {"--help": 600, "status": 500}
STARTUP_BEFORE_CPU_MS = {"status": 510, "letters": 2950, "export": 780}


def _median_ms(command: list[str], runs: int = 7) -> float:
    return _median_wall_cpu_ms(command, runs)[0]


def _median_wall_cpu_ms(command: list[str], runs: int = 7) -> tuple[float, float]:
    """Median wall ms and median CPU ms (user + system of the child) of ``command``."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        walls.append((time.perf_counter() - started) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def measure_startup(workdir: Path, args: argparse.Namespace) -> list[Measurement]:
    """Start-up of the command: median wall ms of `baocao --help` and `baocao status`.

    Beside the figure before issue 13 (SQLAlchemy, Prefect and spaCy were imported for
    every command) and the floor (a bare interpreter).  Then `status`, `letters` and
    `export` on the store of the sample mailbox (made once by `baocao run`, not timed),
    wall and CPU: CPU is the steadier figure on a busy machine.  Printed, no table rows.
    """
    floor = _median_ms([sys.executable, "-c", "pass"])
    print(f"\nstart-up (median of 7, ms; load average {os.getloadavg()[0]:.1f}):")
    for name, extra in (("--help", ["--help"]), ("status", ["status", "--store", str(workdir / "no-store")])):
        figure = _median_ms([sys.executable, "-m", "baocao", *extra])
        before = STARTUP_BEFORE_MS[name]
        print(f"  baocao {name:7} {figure:6.0f}   before {before} ({before / figure:.1f}x)   floor {floor:.0f}")
    store, inbox = workdir / "startup-store", REPO / "samples" / "mailbox"
    baocao = [sys.executable, "-m", "baocao"]
    subprocess.run([*baocao, "run", str(inbox), "--store", str(store), "--no-prefect", "--workers", "1"],
                   capture_output=True, check=False)
    for name, extra in (
        ("status", ["status", "--store", str(store)]),
        ("letters", ["letters", "--store", str(store), "--out", str(workdir / "letters")]),
        ("export", ["export", "--store", str(store), "--out", str(workdir / "export.csv")]),
    ):
        wall, cpu = _median_wall_cpu_ms([*baocao, *extra], runs=5)
        before = STARTUP_BEFORE_CPU_MS.get(name)
        was = f"   CPU before {before} ({before / cpu:.1f}x)" if before else ""
        print(f"  baocao {name:7} (sample store): {wall:6.0f} wall, {cpu:6.0f} CPU{was}")
    return []


def measure_ocr(workdir: Path, args: argparse.Namespace) -> list[Measurement]:
    """OCR ms per page at 200 and 300 dpi on the committed scans, one page at a time.

    Wall and CPU (this process plus its Tesseract children) per page, with one OCR worker
    and ``OMP_THREAD_LIMIT=1``, so CPU ms is the cost per page per core (goal <= 2000 ms).
    """
    import resource

    os.environ["OMP_THREAD_LIMIT"] = "1"
    os.environ["BAOCAO_OCR_WORKERS"] = "1"
    from readers.pdf.ocr import ocr_pages

    scans = sorted((REPO / "samples" / "reports").glob("*_scan.pdf"))
    print("\nOCR (readers.pdf.ocr, one worker; the committed scans):")
    for dpi in (200, 300):
        walls, cpus = [], []
        for path in scans:
            for number in range(1, pdf_pages(path) + 1):
                before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                ocr_pages(path, [number], dpi=dpi)
                walls.append(time.perf_counter() - started)
                after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus.append(sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
                                for a, b in zip(after, before, strict=True)))
        walls.sort()
        cpus.sort()
        print(f"  {dpi} dpi: {len(walls)} pages, median {1000 * walls[len(walls) // 2]:.0f} ms/page wall, "
              f"{1000 * cpus[len(cpus) // 2]:.0f} ms/page CPU (goal <= 2000 ms/page/core), "
              f"max {1000 * walls[-1]:.0f} ms wall")
    return []


def measure_shares(workdir: Path, args: argparse.Namespace) -> list[Measurement]:
    """Share of a mixed batch's time (every committed sample: office files, scans, pictures,
    .doc/.xls/.rtf, e-mail bodies) spent in OCR and in LibreOffice conversion (bench/shares.py,
    in a child process so this one's imports do not count).  Printed, no table rows."""
    done = subprocess.run([sys.executable, str(REPO / "bench" / "shares.py")], capture_output=True, text=True,
                          cwd=REPO, check=False)  # fmt: skip
    print("\nwhere a batch's time goes (bench/shares.py, the committed samples, one process):")
    for line in (done.stdout or done.stderr[-300:]).strip().splitlines():
        print(f"  {line}")
    return []


from startup_prefect import measure_prefect  # noqa: E402 - bench/ is on sys.path
from startup_prefect import measure_startup as measure_process_startup  # noqa: E402
from whole_pdf import measure_whole_pdf  # noqa: E402

EXTRA_MEASURES: dict[str, Callable[[Path, argparse.Namespace], list[Measurement]]] = {
    "citations": measure_citations,
    "batch": measure_batch,
    "startup": measure_startup,
    "ocr": measure_ocr,
    "shares": measure_shares,  # share of a batch's time in OCR and in LibreOffice conversion
    "startup-extract": measure_process_startup,  # import prefect, baocao extract of a tiny file
    "prefect": measure_prefect,  # baocao run per engine vs --no-prefect (+ --prefect-server)
    "whole-pdf": measure_whole_pdf,  # baocao extract of a ~100-page PDF vs pypdfium2 and pdfplumber
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark extract_path against plain pdfplumber/docx/openpyxl.")
    parser.add_argument("--n", type=int, default=5, help="reports per format (default 5)")
    parser.add_argument("--pages", type=int, default=20, help="approximate pages per DOCX/PDF report (default 20)")
    parser.add_argument("--formats", default="docx,pdf,xlsx", help="comma-separated subset of docx,pdf,xlsx")
    parser.add_argument("--extra", default="", help=f"comma-separated extra figures: {', '.join(EXTRA_MEASURES)}")
    parser.add_argument("--messages", type=int, default=500, help="mailbox size for --extra batch (default 500)")
    parser.add_argument("--prefect-messages", type=int, default=0, help="with --extra batch: also Prefect overhead")
    parser.add_argument("--repeat", type=int, default=5, help="--extra startup-extract: runs per command (default 5)")
    parser.add_argument("--prefect-server", action="store_true",
                        help="with --extra prefect: also against a local 'prefect server start'")  # fmt: skip
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it (default: a temp dir)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.files)))
        return 0
    formats = [f for f in args.formats.split(",") if f and f != "none"]  # "none": only --extra figures
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        started = time.perf_counter()
        corpus = build_corpus(workdir, args.n, args.pages, formats)
        print(f"corpus: {args.n} reports per format in {workdir} ({time.perf_counter() - started:.1f} s to build)")
        for fmt, files in corpus.files.items():
            counts = [corpus.pages[f] for f in files]
            print(f"  {fmt}: pages/report min {min(counts)} max {max(counts)}")
        measurements = standard_measures(corpus)
        for name in filter(None, args.extra.split(",")):
            try:
                measurements += EXTRA_MEASURES[name](workdir, args)
            except NotImplementedError as exc:
                print(f"  (skipped {name}: {exc})")
        for m in measurements:
            m.report = spawn(m.task, m.files)
        print()
        print_table(measurements)
        print("\nms/report (wall) and CPU ms: medians of warm runs; pages/s, reports/s: over all warm runs (wall);")
        load = os.getloadavg()[0]
        print(f"cold: first call incl. lazy imports. Load average: {load:.1f} (shared machine: noisy).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

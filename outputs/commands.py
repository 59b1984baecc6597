"""`baocao export`, `baocao report` and `baocao letters`: what the Ministry takes away.

Registered like flows.commands and review.commands (``add_parsers``).  Messages to
people are Vietnamese one-liners on stderr; the files written are listed on stdout.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from baocao import settings
from baocao.settings import DEFAULT_STORE


def add_parsers(sub: Any) -> None:
    store_help = f"thư mục lưu trữ (mặc định: $BAOCAO_STORE hoặc ./{DEFAULT_STORE})"
    export = sub.add_parser("export", help="xuất số liệu mới nhất của mỗi tỉnh (.xlsx cho người đọc; .csv/.parquet)")
    export.add_argument("--store", help=store_help)
    export.add_argument("--out", required=True, help="tệp kết quả; đuôi tệp chọn định dạng")
    export.set_defaults(func=cmd_export)

    report = sub.add_parser("report", help="báo cáo tổng hợp cả nước (.docx, kèm --pdf nếu cần)")
    report.add_argument("--store", help=store_help)
    report.add_argument("--out", default="bao-cao-tong-hop.docx", help="tệp .docx (mặc định: bao-cao-tong-hop.docx)")
    report.add_argument("--pdf", action="store_true", help="chuyển thêm sang PDF bằng LibreOffice")
    report.set_defaults(func=cmd_report)

    letters = sub.add_parser("letters", help="công văn gửi từng Sở GDĐT: đề nghị rà soát, xác nhận, nhắc nộp")
    letters.add_argument("--store", help=store_help)
    letters.add_argument("--out", required=True, help="thư mục ghi các tệp .docx")
    letters.set_defaults(func=cmd_letters)


def _fail(message: str, code: int = 2) -> int:
    print(f"baocao: {message}", file=sys.stderr)
    return code


def _engine(store: str | None):  # noqa: ANN202 - an Engine, or None when there is no store
    from store.db import open_engine, store_dir

    folder = store_dir(store)
    if not (folder / "baocao.db").exists() and not settings.load().db_url:
        return None, folder
    return open_engine(folder), folder


def cmd_export(args: argparse.Namespace) -> int:
    from outputs.workbook import ExportError, write_export

    engine, folder = _engine(args.store)
    if engine is None:
        return _fail(f"chưa có kho dữ liệu tại '{folder}' (hãy chạy 'baocao run' trước)")
    try:
        count = write_export(engine, args.out)
    except ExportError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"không ghi được '{args.out}': {exc.strerror or exc}", 1)
    print(f"baocao: đã ghi {count} dòng vào {args.out}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from outputs.report import ReportError, write_report

    engine, folder = _engine(args.store)
    if engine is None:
        return _fail(f"chưa có kho dữ liệu tại '{folder}' (hãy chạy 'baocao run' trước)")
    if not args.out.lower().endswith(".docx"):
        return _fail("tệp báo cáo phải có đuôi .docx (thêm --pdf để có bản PDF)")
    try:
        written = write_report(engine, args.out, pdf=args.pdf)
    except ReportError as exc:
        return _fail(str(exc), 1)
    except OSError as exc:
        return _fail(f"không ghi được '{args.out}': {exc.strerror or exc}", 1)
    print(args.out)
    if written.suffix == ".pdf":
        print(written)
    print(f"baocao: đã ghi báo cáo tổng hợp vào {written}", file=sys.stderr)
    return 0


def cmd_letters(args: argparse.Namespace) -> int:
    from outputs.letters import write_letters

    engine, folder = _engine(args.store)
    if engine is None:
        return _fail(f"chưa có kho dữ liệu tại '{folder}' (hãy chạy 'baocao run' trước)")
    try:
        letters = write_letters(engine, args.out)
    except OSError as exc:
        return _fail(f"không ghi được vào '{args.out}': {exc.strerror or exc}", 1)
    for letter in letters:
        print(letter.path)
    kinds = {kind: sum(letter.kind == kind for letter in letters) for kind in ("review", "thanks", "reminder")}
    print(f"baocao: {kinds['review']} công văn đề nghị rà soát, {kinds['thanks']} xác nhận, "
          f"{kinds['reminder']} nhắc nộp báo cáo trong {args.out}", file=sys.stderr)  # fmt: skip
    return 0

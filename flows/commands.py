"""`baocao run | status | serve`: the mailbox flow from the command line (`export` is outputs')

Messages to people are Vietnamese one-liners on stderr (no tracebacks); machine output
is JSON on stdout.  With ``--json`` the LAST stdout line of ``run`` is the summary.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from baocao import settings
from baocao.settings import DEFAULT_STORE


def add_parsers(sub: Any) -> None:
    store_help = f"thư mục lưu trữ (mặc định: $BAOCAO_STORE hoặc ./{DEFAULT_STORE})"

    run = sub.add_parser("run", help="xử lý các tệp mới trong thư mục hộp thư xuất ra")
    run.add_argument("inbox", help="thư mục chứa .mbox/.eml/.msg/.zip/.docx/.pdf/.xlsx/.txt")
    run.add_argument("--store", help=store_help)
    run.add_argument("--json", action="store_true", help="dòng cuối stdout là bản tóm tắt JSON")
    run.add_argument("--workers", type=int, default=None, metavar="N",
                     help="số tiến trình đọc tài liệu song song (mặc định: $BAOCAO_WORKERS hoặc số lõi)")  # fmt: skip
    engine = run.add_mutually_exclusive_group()
    engine.add_argument("--no-prefect", dest="prefect", action="store_false", default=None,
                        help="chạy trực tiếp, không qua Prefect (nhanh hơn)")  # fmt: skip
    engine.add_argument("--prefect", dest="prefect", action="store_true",
                        help="chạy như một Prefect flow (mặc định)")  # fmt: skip
    run.set_defaults(func=cmd_run)

    status = sub.add_parser("status", help="kết quả xử lý của từng đầu vào")
    status.add_argument("--store", help=store_help)
    status.add_argument("--json", action="store_true", help="mỗi dòng một đối tượng JSON")
    status.set_defaults(func=cmd_status)


    serve = sub.add_parser("serve", help="đăng ký và chạy lịch xử lý hằng đêm (02:00 giờ Việt Nam)")
    serve.add_argument("inbox", nargs="?", default=settings.load().inbox,
                       help="thư mục hộp thư (mặc định: $BAOCAO_INBOX)")  # fmt: skip
    serve.add_argument("--store", help=store_help)
    serve.add_argument("--register-only", action="store_true",
                       help="chỉ đăng ký lịch với máy chủ Prefect rồi thoát")  # fmt: skip
    serve.set_defaults(func=cmd_serve)


def _fail(message: str, code: int = 2) -> int:
    print(f"baocao: {message}", file=sys.stderr)
    return code


def _use_prefect(choice: bool | None) -> bool:
    if choice is not None:
        return choice
    return settings.load().engine.strip().lower() != "plain"


def cmd_run(args: argparse.Namespace) -> int:
    inbox = Path(args.inbox)
    if not inbox.is_dir():
        return _fail(f"không tìm thấy thư mục hộp thư '{inbox}'")
    from flows.batch import RunLocked

    try:
        if args.workers is not None and args.workers < 1:
            return _fail("--workers phải là số nguyên dương")
        from flows.guard import choose_workers

        choose_workers(args.workers)  # the plain and the Prefect path both size their pool by it
        summary = _run(inbox, args.store, _use_prefect(args.prefect))
    except RunLocked as exc:
        return _fail(str(exc), 1)
    except Exception as exc:  # noqa: BLE001 - a one-line reason, never a traceback
        logging.getLogger(__name__).debug("run failed", exc_info=True)
        return _fail(f"lượt xử lý thất bại: {type(exc).__name__}: {exc}", 1)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False), flush=True)
    else:
        print(_human_summary(summary), flush=True)
    return 0


def _run(inbox: Path, store: str | None, prefect: bool) -> dict[str, Any]:
    from flows.batch import RunLocked, run_batch

    if prefect:
        try:
            from flows.nightly import run_with_prefect

            return run_with_prefect(str(inbox), store)
        except RunLocked:
            raise
        except Exception as exc:  # noqa: BLE001 - Prefect trouble must not cost a night
            print(f"baocao: Prefect không chạy được ({type(exc).__name__}: {exc}); "
                  "chuyển sang chạy trực tiếp", file=sys.stderr)  # fmt: skip
    return run_batch(inbox, store, progress=_progress)


def _progress(items: list[Any]) -> Any:
    """A tqdm bar on a terminal (stderr), nothing when piped."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc="Đang xử lý", unit="tệp", file=sys.stderr)


def _human_summary(summary: dict[str, Any]) -> str:
    provinces = ", ".join(summary.get("provinces") or {}) or "không có"
    return (
        f"Mới: {summary['new']} · đã xử lý: {summary['processed']} · trùng: {summary['duplicate']} · "
        f"không phải báo cáo: {summary['not_a_report']} · không hỗ trợ: {summary['unsupported']} · "
        f"lỗi: {summary['failed']} (cách ly {summary['quarantined']}) · cảnh báo: {summary['flags']}\n"
        f"Tỉnh/thành: {provinces}"
    )


def cmd_status(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from store.db import open_engine, session_scope, store_dir
    from store.schema import Input

    folder = store_dir(args.store)
    if not (folder / "baocao.db").exists() and not settings.load().db_url:
        return _fail(f"chưa có kho dữ liệu tại '{folder}' (hãy chạy 'baocao run' trước)")
    engine = open_engine(folder)
    from store.runs import sweep_abandoned

    for dead in sweep_abandoned(engine):  # a run killed (kill -9, power cut) is not "running"
        print(f"baocao: lượt xử lý #{dead['run_id']} đã dừng bất thường, đánh dấu 'abandoned'", file=sys.stderr)
    with session_scope(engine) as session:
        for row in session.scalars(select(Input).order_by(Input.id)):
            record = {"path": row.path, "sha256": row.sha256, "fate": row.fate, "reason": row.reason,
                      "kind": row.kind, "locator": row.locator}  # fmt: skip
            if args.json:
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(f"{row.fate:<13} {row.path}" + (f" — {row.reason}" if row.reason else ""))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    if not args.inbox or not Path(args.inbox).is_dir():
        return _fail("cần thư mục hộp thư: 'baocao serve THƯ_MỤC' hoặc biến BAOCAO_INBOX")
    from store.db import store_dir

    store = str(store_dir(args.store).resolve())
    try:
        from flows.nightly import register_nightly, serve_nightly

        if args.register_only:
            deployment_id = register_nightly(args.inbox, store)
            print(f"baocao: đã đăng ký lịch hằng đêm 02:00 (Asia/Ho_Chi_Minh), mã {deployment_id}",
                  file=sys.stderr)  # fmt: skip
            return 0
        serve_nightly(args.inbox, store)
    except Exception as exc:  # noqa: BLE001
        return _fail(f"không đăng ký/chạy được lịch hằng đêm: {type(exc).__name__}: {exc}", 1)
    return 0

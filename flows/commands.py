"""`baocao run | status | serve | server`: the mailbox flow from the command line (`export` is outputs')

Messages to people are Vietnamese one-liners on stderr (no tracebacks); machine output
is JSON on stdout.  With ``--json`` the LAST stdout line of ``run`` is the summary.

Nothing heavy is imported at module level (this module is imported for every
``baocao`` command, ``--help`` included): SQLAlchemy, Prefect and the pipeline load in
the command that needs them.

Which engine ``baocao run`` uses:

* ``--no-prefect`` (or ``BAOCAO_ENGINE=plain``): the plain batch core;
* a Prefect server configured (``PREFECT_API_URL`` in the environment or the active
  Prefect profile), or ``--prefect``: the Prefect flow, visible on that server (with
  ``--prefect`` and no server, Prefect's temporary server: ~8 s more);
* otherwise the same flow code and task function on a local pool, announced on stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from baocao import settings

DEFAULT_CRON = "0 2 * * *"  # flows.nightly.NIGHTLY_CRON, kept here so --help needs no Prefect
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def add_parsers(sub: Any) -> None:
    store_help = "thư mục lưu trữ (mặc định: $BAOCAO_STORE hoặc ./baocao-data)"

    run = sub.add_parser("run", help="xử lý các tệp mới trong thư mục hộp thư xuất ra")
    run.add_argument("inbox", help="thư mục chứa .mbox/.eml/.msg/.zip/.docx/.pdf/.xlsx/.txt/.doc/.xls/.rtf/.odt/.ods")
    run.add_argument("--store", help=store_help)
    run.add_argument("--json", action="store_true", help="dòng cuối stdout là bản tóm tắt JSON")
    run.add_argument("--workers", type=int, default=None, metavar="N",
                     help="số tiến trình đọc tài liệu song song (mặc định: $BAOCAO_WORKERS hoặc số lõi)")  # fmt: skip
    engine = run.add_mutually_exclusive_group()
    engine.add_argument("--no-prefect", dest="prefect", action="store_false", default=None,
                        help="chạy trực tiếp, không qua Prefect (nhanh hơn)")  # fmt: skip
    engine.add_argument("--prefect", dest="prefect", action="store_true",
                        help="chạy như một Prefect flow (mặc định khi có PREFECT_API_URL; "
                             "không có thì Prefect dựng máy chủ tạm)")  # fmt: skip
    run.set_defaults(func=cmd_run)

    status = sub.add_parser("status", help="kết quả xử lý của từng đầu vào")
    status.add_argument("--store", help=store_help)
    status.add_argument("--json", action="store_true", help="mỗi dòng một đối tượng JSON")
    status.set_defaults(func=cmd_status)


    serve = sub.add_parser("serve", help="đăng ký và chạy lịch xử lý hằng đêm (02:00 giờ Việt Nam) "
                           "trên máy chủ Prefect ở PREFECT_API_URL")  # fmt: skip
    serve.add_argument("inbox", nargs="?", default=settings.load().inbox,
                       help="thư mục hộp thư (mặc định: $BAOCAO_INBOX)")  # fmt: skip
    serve.add_argument("--store", help=store_help)
    serve.add_argument("--cron", default=DEFAULT_CRON, help=f"lịch dạng cron (mặc định: '{DEFAULT_CRON}')")
    serve.add_argument("--timezone", default=DEFAULT_TIMEZONE,
                       help=f"múi giờ của lịch (mặc định: {DEFAULT_TIMEZONE})")  # fmt: skip
    serve.add_argument("--register-only", action="store_true",
                       help="chỉ đăng ký lịch với máy chủ Prefect rồi thoát")  # fmt: skip
    serve.set_defaults(func=cmd_serve)

    server = sub.add_parser("server", help="chạy máy chủ Prefect cục bộ (dữ liệu trong ./.prefect)")
    server.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định: 127.0.0.1)")
    server.add_argument("--port", type=int, default=4200, help="cổng (mặc định: 4200)")
    server.add_argument("--home", default=os.environ.get("PREFECT_HOME") or ".prefect",
                        help="thư mục dữ liệu Prefect (mặc định: $PREFECT_HOME hoặc ./.prefect)")  # fmt: skip
    server.set_defaults(func=cmd_server)


def _fail(message: str, code: int = 2) -> int:
    print(f"baocao: {message}", file=sys.stderr)
    return code


def _engine(choice: bool | None) -> str:
    """'plain', 'prefect' (a flow run on a server) or 'direct' (flow code, no server)."""
    if choice is False or settings.load().engine.strip().lower() == "plain":
        return "plain"
    if choice is True or prefect_api_url():
        return "prefect"
    return "direct"


def prefect_api_url() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile (without importing Prefect)."""
    url = os.environ.get("PREFECT_API_URL", "").strip()
    if url:
        return url
    home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()
    profiles = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        import tomllib

        data = tomllib.loads(profiles.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    profile = (data.get("profiles") or {}).get(active) or {}
    return str(profile.get("PREFECT_API_URL") or "").strip() or None


def cmd_run(args: argparse.Namespace) -> int:
    inbox = Path(args.inbox)
    if not inbox.is_dir():
        return _fail(f"không tìm thấy thư mục hộp thư '{inbox}'")
    from flows.guard import prestart

    prestart()  # the sandbox preloads the pipeline while this process imports the store
    from flows.batch import RunLocked

    try:
        if args.workers is not None and args.workers < 1:
            return _fail("--workers phải là số nguyên dương")
        from flows.guard import choose_workers

        choose_workers(args.workers)  # the plain, direct and Prefect paths all size their pool by it
        summary = _run(inbox, args.store, _engine(args.prefect))
    except RunLocked as exc:
        return _fail(str(exc), 1)
    except Exception as exc:  # noqa: BLE001 - a one-line reason, never a traceback
        logging.getLogger(__name__).debug("run failed", exc_info=True)
        return _fail(f"lượt xử lý thất bại: {type(exc).__name__}: {exc}", 1)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False), flush=True)
    else:
        from flows.runreport import human_summary

        print(human_summary(summary), flush=True)
    return 0


def _run(inbox: Path, store: str | None, engine: str) -> dict[str, Any]:
    from flows.batch import RunLocked, run_batch

    if engine == "direct":
        _say("không có máy chủ Prefect (PREFECT_API_URL chưa đặt): chạy mã của flow trực tiếp, "
             "không dựng máy chủ tạm")  # fmt: skip
        from flows.flowcore import run_direct, set_progress  # no Prefect import at all

        set_progress(_progress)
        return run_direct(str(inbox), store)
    if engine == "prefect":
        try:
            from flows.nightly import run_with_prefect, set_progress

            set_progress(_progress)
            return run_with_prefect(str(inbox), store)
        except RunLocked:
            raise
        except Exception as exc:  # noqa: BLE001 - Prefect trouble must not cost a night
            _say(f"Prefect không chạy được ({type(exc).__name__}: {exc}); chuyển sang chạy trực tiếp")
    summary = run_batch(inbox, store, progress=_progress)
    from flows.runreport import refresh_export

    summary["export"] = str(path) if (path := refresh_export(summary)) else None
    return summary


def _say(message: str) -> None:
    print(f"baocao: {message}", file=sys.stderr, flush=True)


def _progress(items: list[Any]) -> Any:
    """A tqdm bar on a terminal (stderr), nothing when piped."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc="Đang xử lý", unit="tệp", file=sys.stderr)


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
    problem = _schedule_problem(args.cron, args.timezone)
    if problem:
        return _fail(problem)
    if not prefect_api_url():
        return _fail("cần một máy chủ Prefect để lịch tự chạy: mở 'baocao server' ở cửa sổ khác rồi "
                     "đặt PREFECT_API_URL=http://127.0.0.1:4200/api")  # fmt: skip
    from store.db import store_dir

    store = str(store_dir(args.store).resolve())
    schedule = {"cron": args.cron, "timezone": args.timezone}
    try:
        from flows.nightly import register_nightly, serve_nightly

        if args.register_only:
            deployment_id = register_nightly(args.inbox, store, **schedule)
            _say(f"đã đăng ký lịch '{args.cron}' ({args.timezone}), mã {deployment_id}")
            return 0
        _say(f"đang phục vụ lịch '{args.cron}' ({args.timezone}) cho {Path(args.inbox).resolve()}; "
             f"kho {store}; Ctrl+C để dừng")  # fmt: skip
        serve_nightly(args.inbox, store, **schedule)
    except Exception as exc:  # noqa: BLE001
        return _fail(f"không đăng ký/chạy được lịch hằng đêm: {type(exc).__name__}: {exc}", 1)
    return 0


def _schedule_problem(cron: str, timezone: str) -> str | None:
    """A Vietnamese reason when the cron expression or time zone is not usable."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return f"múi giờ không hợp lệ: '{timezone}' (ví dụ: Asia/Ho_Chi_Minh)"
    from prefect.client.schemas.schedules import CronSchedule  # the server's own validation

    try:
        CronSchedule(cron=cron, timezone=timezone)
    except ValueError:
        return f"lịch cron không hợp lệ: '{cron}' (ví dụ: '0 2 * * *' là 02:00 hằng ngày)"
    return None


def cmd_server(args: argparse.Namespace) -> int:
    """``prefect server start`` with a project-local PREFECT_HOME (its SQLite database lives there)."""
    import subprocess

    home = Path(args.home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_HOME": str(home)}
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.pop("PREFECT_API_URL", None)  # the server must not talk to another server
    _say(f"máy chủ Prefect tại http://{args.host}:{args.port} (dữ liệu: {home}); ở cửa sổ khác: "
         f"export PREFECT_API_URL=http://{args.host}:{args.port}/api rồi 'baocao serve THƯ_MỤC'")  # fmt: skip
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", args.host, "--port", str(args.port)]
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 130

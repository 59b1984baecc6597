"""`baocao review …` and `baocao users …`: the review app and the same decisions from a shell.

The CLI calls :func:`review.decisions.decide` like the web app, so both write one audit
log; the CLI records ``channel = "cli"`` and the ``--as`` name.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

STORE_HELP = "thư mục kho dữ liệu (mặc định ./baocao-data hoặc $BAOCAO_STORE)"


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    review = subparsers.add_parser(
        "review",
        help="rà soát cảnh báo: mở ứng dụng web, hoặc list/show/accept/reject/correct",
        description="Không có lệnh con: chạy ứng dụng web rà soát trên 127.0.0.1.",
    )
    review.add_argument("--store", help=STORE_HELP)
    review.add_argument("--port", type=int, default=8765, help="cổng (mặc định 8765)")
    review.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    review.add_argument("--https", action="store_true", default=None,
                        help="ứng dụng được phục vụ qua HTTPS: cookie luôn Secure (như BAOCAO_REVIEW_HTTPS=1)")
    review.add_argument("--proxy", metavar="IP[,IP…]",
                        help="proxy ngược được tin: chỉ từ các địa chỉ này mới đọc X-Forwarded-Proto/-For "
                        "(như BAOCAO_REVIEW_PROXY); không đặt: không tin tiêu đề nào")
    review.set_defaults(func=cmd_serve)
    sub = review.add_subparsers(dest="review_command", metavar="LỆNH")

    store_opt = argparse.ArgumentParser(add_help=False)
    store_opt.add_argument("--store", default=argparse.SUPPRESS, help=STORE_HELP)

    listing = sub.add_parser("list", parents=[store_opt], help="liệt kê cảnh báo chưa xử lý")
    listing.add_argument("--json", action="store_true", help="mỗi dòng một đối tượng JSON")
    listing.add_argument("--all", action="store_true", help="cả cảnh báo đã xử lý")
    listing.add_argument("--province", help="chỉ một tỉnh/thành phố")
    listing.add_argument("--code", help="chỉ một mã quy tắc")
    listing.add_argument("--severity", choices=["error", "warning", "info"])
    listing.set_defaults(func=cmd_list)

    show = sub.add_parser("show", parents=[store_opt], help="xem một cảnh báo")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    accept = sub.add_parser("accept", parents=[store_opt],
                            help="chấp nhận số liệu như báo cáo (một cảnh báo, hoặc cả tập lọc bằng --filter)")
    _decision_args(accept, bulk=True)
    accept.add_argument("--lines", help="chỉ các dòng này, vd. 1a,1c (mặc định: mọi dòng của cảnh báo)")
    accept.add_argument("--filter", action="append", default=[], metavar="KHOÁ=GIÁ_TRỊ",
                        help="chấp nhận mọi cảnh báo chưa xử lý khớp bộ lọc (severity, code, province, "
                        "indicator; lặp lại để kết hợp), vd. --filter severity=info --filter code=...")
    accept.add_argument("--yes", action="store_true", help="với --filter: ghi luôn, không chỉ liệt kê")
    accept.set_defaults(func=cmd_decide, action="accept")
    reject = sub.add_parser("reject", parents=[store_opt],
                            help="bác: hệ thống đọc sai (số liệu giữ nguyên, được đánh dấu khi xuất)")
    _decision_args(reject)
    reject.add_argument("--lines", help="chỉ các dòng này, vd. 1c (mặc định: mọi dòng của cảnh báo)")
    reject.add_argument("--indicator", help=argparse.SUPPRESS)  # older spelling of --lines with one line
    reject.set_defaults(func=cmd_decide, action="reject")
    correct = sub.add_parser("correct", parents=[store_opt], help="sửa hoặc để trống số lượng và/hoặc tỉ lệ")
    _decision_args(correct)
    correct.add_argument("--value", help="số lượng đúng (vd. 51.608)")
    correct.add_argument("--rate", help="tỉ lệ đúng, phần trăm (vd. 97,1)")
    correct.add_argument("--blank-value", action="store_true", help="để trống số lượng khi xuất")
    correct.add_argument("--blank-rate", action="store_true", help="để trống tỉ lệ khi xuất")
    correct.add_argument("--indicator", help="dòng được sửa (mặc định: dòng quy tắc nghi sai, "
                         "hoặc dòng đầu tiên của cảnh báo)")
    correct.set_defaults(func=cmd_decide, action="correct")
    undo = sub.add_parser("undo", parents=[store_opt],
                          help="hoàn tác quyết định gần nhất của một người (nhật ký giữ cả hai)")
    undo.add_argument("--as", dest="actor", required=True, help="tên người đã quyết định")
    undo.set_defaults(func=cmd_undo)

    users = subparsers.add_parser("users", help="tài khoản người rà soát")
    users.add_argument("--store", help=STORE_HELP)
    users_sub = users.add_subparsers(dest="users_command", metavar="LỆNH")
    add = users_sub.add_parser("add", parents=[store_opt],
                               help="tạo tài khoản hoặc đặt lại mật khẩu")
    add.add_argument("name")
    add.set_defaults(func=cmd_users_add)
    disable = users_sub.add_parser("disable", parents=[store_opt],
                                   help="khóa tài khoản (đăng xuất mọi phiên)")
    disable.add_argument("name")
    disable.set_defaults(func=cmd_users_disable)
    lst = users_sub.add_parser("list", parents=[store_opt], help="liệt kê tài khoản")
    lst.set_defaults(func=cmd_users_list)
    users.set_defaults(func=lambda args: _usage(users))


def _decision_args(parser: argparse.ArgumentParser, bulk: bool = False) -> None:
    parser.add_argument("id", type=int, nargs="?" if bulk else None,
                        help="số hiệu cảnh báo (cột id của `review list`)")
    parser.add_argument("--as", dest="actor", required=True, help="tên người quyết định")
    parser.add_argument("--note", help="ghi chú")
    parser.add_argument("--expect-version", type=int, dest="expected_version",
                        help="chỉ ghi nếu cảnh báo còn ở phiên bản này")


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _engine(args: argparse.Namespace):
    from store.db import open_engine, store_dir
    from store.review_tables import ensure_review_schema

    folder = store_dir(getattr(args, "store", None))
    engine = open_engine(folder)
    ensure_review_schema(engine)
    return engine, folder


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy import select  # lazy: keeps `baocao --help` free of SQLAlchemy

    from baocao import settings
    from review.app import create_app
    from store.review_tables import User

    engine, folder = _engine(args)
    with engine.connect() as connection:
        has_users = connection.execute(select(User.id).limit(1)).first() is not None
    if not has_users:
        print("baocao: chưa có tài khoản nào; tạo bằng: baocao users add TÊN", file=sys.stderr)
    current = settings.load()
    https = args.https if args.https is not None else (current.review_https or "").strip().lower() in (
        "1", "true", "yes", "on")
    proxy = args.proxy or current.review_proxy
    app = create_app(engine, folder, https_only=https)
    scheme = "https" if https else "http"
    print(f"Ứng dụng rà soát: {scheme}://{args.host}:{args.port}/ (kho {folder})", file=sys.stderr)
    # X-Forwarded-* are believed only from a configured proxy: they set the scheme (Secure
    # cookies) and the client address the sign-in back-off is keyed by.
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", proxy_headers=bool(proxy),
                forwarded_allow_ips=proxy or None)
    return 0


def _quiet_broken_pipe(command):
    """`baocao review list | head` must end quietly, not with a traceback."""
    import functools
    import os

    @functools.wraps(command)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0

    return wrapper


@_quiet_broken_pipe
def cmd_list(args: argparse.Namespace) -> int:
    from review.queries import SEVERITY_LABELS, list_flags

    engine, _ = _engine(args)
    with engine.connect() as connection:
        from sqlalchemy.orm import Session

        with Session(bind=connection) as session:
            flags = list_flags(
                session, status="all" if args.all else "open", province=args.province,
                severity=args.severity, code=args.code,
            )
    for flag in flags:
        if args.json:
            print(json.dumps(flag.to_dict(), ensure_ascii=False, default=str))
        else:
            print(f"{flag.id:>6}  {flag.province or '—':<18} {flag.indicator_text or '—':<8} "
                  f"{SEVERITY_LABELS.get(flag.severity, flag.severity):<9} {flag.code:<26} "
                  f"{flag.message}")
    if not args.json:
        print(f"{len(flags)} cảnh báo", file=sys.stderr)
    return 0


@_quiet_broken_pipe
def cmd_show(args: argparse.Namespace) -> int:
    from sqlalchemy import select  # lazy: keeps `baocao --help` free of SQLAlchemy
    from sqlalchemy.orm import Session

    from review.queries import SEVERITY_LABELS, STATUS_LABELS, document_values, get_flag
    from review.reference import rule_explanation
    from store.review_tables import AuditEntry

    engine, _ = _engine(args)
    with Session(engine) as session:
        flag = get_flag(session, args.id)
        if flag is None:
            print(f"baocao: không có cảnh báo {args.id}", file=sys.stderr)
            return 1
        values = [v for v in document_values(session, flag.document_id)
                  if v.code in flag.indicator_codes] if flag.document_id else []
        history = session.scalars(select(AuditEntry).where(
            AuditEntry.fingerprint == flag.fingerprint).order_by(AuditEntry.id)).all()
        if args.json:
            out = flag.to_dict()
            out["evidence"] = flag.evidence
            out["values"] = [{"code": v.code, "value": v.value, "rate": v.rate, "raw": v.raw}
                             for v in values]
            out["history"] = [{"at": str(h.at), "actor": h.actor, "channel": h.channel,
                               "before": h.before, "after": h.after, "note": h.note}
                              for h in history]
            print(json.dumps(out, ensure_ascii=False, default=str))
            return 0
        print(f"Cảnh báo #{flag.id} [{SEVERITY_LABELS.get(flag.severity, flag.severity)}] "
              f"{flag.code} — {STATUS_LABELS.get(flag.status, flag.status)} "
              f"(phiên bản {flag.version})")
        print(f"Tỉnh/thành phố: {flag.province or '—'}   Chỉ tiêu: {flag.indicator_text or '—'}")
        print(f"Nguồn: {flag.source_name or '—'} {flag.location_text}")
        print(f"Nội dung: {flag.message}")
        explanation = rule_explanation(flag.code)
        if explanation:
            print(f"Quy tắc: {explanation}")
        for v in values:
            print(f"  {v.code}: số lượng={v.value} tỉ lệ={v.rate}  «{v.raw}»")
        for h in history:
            print(f"  {h.at} {h.actor} ({h.channel}): {h.before.get('status')} → "
                  f"{h.after.get('status')}" + (f" — {h.note}" if h.note else ""))
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from sqlalchemy import select  # lazy: keeps `baocao --help` free of SQLAlchemy
    from sqlalchemy.orm import Session

    from review.decisions import DecisionError, VersionConflict, decide, parse_number
    from review.queries import STATUS_LABELS, get_flag
    from store.review_tables import User

    actor = _actor(args)
    if actor is None:
        return 2
    if getattr(args, "filter", None) or args.id is None:
        return _accept_filtered(args, actor)
    engine, _ = _engine(args)
    try:
        with Session(engine) as session, session.begin():
            flag = get_flag(session, args.id)
            if flag is None:
                print(f"baocao: không có cảnh báo {args.id}", file=sys.stderr)
                return 1
            if session.scalar(select(User.id).where(User.name == actor)) is None:
                print(f"baocao: lưu ý: '{actor}' không phải tài khoản đã tạo", file=sys.stderr)
            state = decide(
                session, flag.key, args.action, actor,
                expected_version=args.expected_version,
                value=parse_number(getattr(args, "value", None)),
                rate=parse_number(getattr(args, "rate", None)),
                indicator=getattr(args, "indicator", None),
                lines=_lines(getattr(args, "lines", None)),
                blank_value=getattr(args, "blank_value", False),
                blank_rate=getattr(args, "blank_rate", False),
                note=args.note, channel="cli",
            )
            status, version = state.status, state.version
    except VersionConflict as exc:
        print(f"baocao: {exc}", file=sys.stderr)
        return 3
    except DecisionError as exc:
        print(f"baocao: {exc}", file=sys.stderr)
        return 2
    print(f"Cảnh báo #{args.id}: {STATUS_LABELS.get(status, status)} (phiên bản {version}).")
    return 0


def _actor(args: argparse.Namespace) -> str | None:
    from review.auth import normalize_name

    actor = normalize_name(args.actor)
    if not actor:
        print("baocao: --as cần một tên", file=sys.stderr)
        return None
    return actor


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


FILTER_KEYS = ("severity", "code", "province", "indicator")


def _parse_filters(items: list[str]) -> dict[str, str] | None:
    filters: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or key.strip() not in FILTER_KEYS or not value.strip():
            print(f"baocao: bộ lọc '{item}' không hợp lệ; dùng KHOÁ=GIÁ_TRỊ với khoá "
                  f"{', '.join(FILTER_KEYS)}", file=sys.stderr)
            return None
        filters[key.strip()] = value.strip()
    return filters


def _accept_filtered(args: argparse.Namespace, actor: str) -> int:
    """`review accept --filter …`: list what matches; with --yes accept exactly that."""
    from sqlalchemy.orm import Session

    from review.decisions import accept_many
    from review.queries import list_flags

    if args.id is not None:
        print("baocao: dùng số hiệu cảnh báo HOẶC --filter, không cả hai", file=sys.stderr)
        return 2
    filters = _parse_filters(args.filter)
    if not filters:
        if filters is not None:
            print("baocao: cần số hiệu cảnh báo hoặc ít nhất một --filter", file=sys.stderr)
        return 2
    engine, _ = _engine(args)
    with Session(engine) as session, session.begin():
        flags = list_flags(session, status="open", province=filters.get("province"),
                           severity=filters.get("severity"), code=filters.get("code"),
                           indicator=filters.get("indicator"))
        if not args.yes:
            for flag in flags:
                print(f"{flag.id:>6}  {flag.province or '—':<18} {flag.code:<26} {flag.message}")
            print(f"{len(flags)} cảnh báo chưa xử lý khớp bộ lọc; thêm --yes để chấp nhận tất cả.",
                  file=sys.stderr)
            return 0
        accepted, skipped = accept_many(session, [(f.key, f.version) for f in flags], actor, "cli",
                                        note=args.note or "chấp nhận hàng loạt")
    print(f"Đã chấp nhận {accepted} cảnh báo" + (f", bỏ qua {len(skipped)} (vừa có người xử lý)"
                                                 if skipped else "") + ".")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from review.decisions import VersionConflict, undo, undoable
    from review.queries import STATUS_LABELS, get_flag

    actor = _actor(args)
    if actor is None:
        return 2
    engine, _ = _engine(args)
    try:
        with Session(engine) as session, session.begin():
            entry = undoable(session, actor)
            flag = get_flag(session, entry.flag_id) if entry and entry.flag_id else None
            if entry is None or flag is None:
                print(f"baocao: '{actor}' không có quyết định nào còn hiệu lực để hoàn tác", file=sys.stderr)
                return 1
            state = undo(session, entry, flag.key, actor, "cli")
            flag_id, status = flag.id, state.status
    except VersionConflict as exc:
        print(f"baocao: {exc}", file=sys.stderr)
        return 3
    print(f"Cảnh báo #{flag_id}: đã hoàn tác, nay {STATUS_LABELS.get(status, status)}.")
    return 0


def _read_password(name: str) -> str | None:
    if sys.stdin.isatty():
        first = getpass.getpass(f"Mật khẩu cho {name}: ")
        second = getpass.getpass("Nhập lại mật khẩu: ")
        if first != second:
            print("baocao: hai lần nhập không khớp", file=sys.stderr)
            return None
        return first
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def cmd_users_add(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from review.auth import AccountError, add_user

    password = _read_password(args.name)
    if password is None:
        return 2
    engine, folder = _engine(args)
    try:
        with Session(engine) as session, session.begin():
            user = add_user(session, args.name, password)
            name = user.name
    except AccountError as exc:
        print(f"baocao: {exc}", file=sys.stderr)
        return 2
    print(f"Đã lưu tài khoản '{name}' trong {Path(folder)}.", file=sys.stderr)
    return 0


def cmd_users_disable(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from review.auth import disable_user

    engine, _ = _engine(args)
    with Session(engine) as session, session.begin():
        found = disable_user(session, args.name)
    if not found:
        print(f"baocao: không có tài khoản '{args.name}'", file=sys.stderr)
        return 1
    print(f"Đã khóa tài khoản '{args.name}'.", file=sys.stderr)
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from sqlalchemy import select  # lazy: keeps `baocao --help` free of SQLAlchemy

    from store.review_tables import User

    engine, _ = _engine(args)
    with engine.connect() as connection:
        for name, active in connection.execute(select(User.name, User.active).order_by(User.name)):
            print(name if active else f"{name} (đã khóa)")
    return 0

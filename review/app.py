"""The review web app: sign-in, the flag queue, one page per flag, decisions, overview.

Server-rendered (Starlette + Jinja2 with autoescape), one small static JS file for
keyboard shortcuts.  Every document-derived string reaches the browser through
Jinja2 escaping; the CSP forbids inline scripts as a second line of defence.
"""

from __future__ import annotations

import functools
import logging
import os
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from review import auth, overview
from review.decisions import DecisionError, VersionConflict, decide, parse_number
from review.display import fmt_number
from review.evidence import highlight, number_needles, render_pdf_region
from review.queries import (
    SEVERITY_LABELS,
    STATUS_LABELS,
    FlagView,
    citation_mentions,
    describe_location,
    document_values,
    get_document,
    get_flag,
    list_flags,
    source_file,
)
from review.reference import indicator_label, rule_explanation, rule_title
from review.security import (
    CSRF_FIELD,
    SecurityHeadersMiddleware,
    SignInThrottle,
    csrf_ok,
    csrf_token,
    load_secret,
    safe_next,
    same_origin,
)
from store.review_tables import AuditEntry, User

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
FILTER_KEYS = ("status", "province", "severity", "code", "indicator")
QUEUE_STATUSES = [("open", "Chưa xử lý"), ("decided", "Đã xử lý"), ("all", "Tất cả")]


@dataclass
class AppConfig:
    engine: Engine
    store: Path | None
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)


Handler = Callable[[Request], Awaitable[Response]]


def login_required(handler: Handler) -> Handler:
    """Pages redirect to sign-in; anything else (POST, images) answers 401."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        user = _current_user(request)
        if user is None:
            if _wants_page(request):
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)
            return PlainTextResponse("Cần đăng nhập.", status_code=401)
        request.state.user = user
        if request.method == "POST":
            form = await request.form()
            if not same_origin(request) or not csrf_ok(request, form.get(CSRF_FIELD)):
                return _forbidden(request)
            request.state.form = form
        return await handler(request)

    return wrapper


def _wants_page(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return (
        request.method == "GET"
        and not request.url.path.endswith(".png")
        and "application/json" not in accept
    )


def _current_user(request: Request) -> str | None:
    name = request.session.get("user")
    if not name:
        return None
    config: AppConfig = request.app.state.config
    with config.sessions() as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is None or not user.active or request.session.get("key") != _user_key(user):
            request.session.clear()
            return None
    return name


def _user_key(user: User) -> str:
    """Ties a session to the account's current password hash and state.

    Resetting a password (``baocao users add NAME`` again) or disabling the account
    ends every session signed in before, although sessions live in signed cookies.
    """
    import hashlib

    return hashlib.sha256(f"{user.id}:{user.password_hash}".encode()).hexdigest()[:24]


def _forbidden(request: Request) -> Response:
    return _render(
        request,
        "error.html",
        {"heading": "Yêu cầu bị từ chối", "message": "Mã xác thực biểu mẫu (CSRF) không hợp lệ "
         "hoặc đã hết hạn. Hãy tải lại trang rồi thử lại."},
        status_code=403,
    )


def _render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    base = {
        "user": getattr(request.state, "user", None),
        "csrf_token": csrf_token(request),
        "severity_labels": SEVERITY_LABELS,
        "status_labels": STATUS_LABELS,
        "fmt_number": fmt_number,
        "fmt_time": fmt_time,
        "flag_url": lambda flag_id: _flag_url(flag_id, _filters(request)),
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def fmt_time(moment: datetime | None) -> str:
    """Vietnam local time for people; the store keeps UTC (naive from SQLite)."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M:%S")


def _filters(request: Request) -> dict[str, str]:
    return {k: request.query_params[k] for k in FILTER_KEYS if request.query_params.get(k)}


def _flag_url(flag_id: int, filters: dict[str, str]) -> str:
    query = urlencode({k: v for k, v in filters.items() if v})
    return f"/flags/{flag_id}" + (f"?{query}" if query else "")


# ---------------------------------------------------------------------------
# sign-in
# ---------------------------------------------------------------------------


async def login(request: Request) -> Response:
    if request.method == "GET":
        return _render(request, "login.html", {
            "next_url": safe_next(request.query_params.get("next")), "error": None, "username": "",
        })
    form = await request.form()
    if not same_origin(request) or not csrf_ok(request, form.get(CSRF_FIELD)):
        return _forbidden(request)
    name = str(form.get("username", ""))[:64]
    password = str(form.get("password", ""))[:1024]
    throttle: SignInThrottle = request.app.state.throttle
    if throttle.blocked(auth.normalize_name(name)):
        return _render(request, "login.html", {
            "next_url": safe_next(str(form.get("next", ""))),
            "error": "Đăng nhập sai quá nhiều lần. Hãy thử lại sau vài phút.",
            "username": name,
        }, status_code=429)
    config: AppConfig = request.app.state.config
    with config.sessions.begin() as session:
        user = auth.authenticate(session, name, password)
        user_name = user.name if user else None
        user_key = _user_key(user) if user else None
    if user_name is None:
        throttle.failed(auth.normalize_name(name))
        log.info("failed sign-in for %r", name)
        return _render(request, "login.html", {
            "next_url": safe_next(str(form.get("next", ""))),
            "error": "Sai tên đăng nhập hoặc mật khẩu.",
            "username": name,
        }, status_code=401)
    throttle.succeeded(auth.normalize_name(name))
    request.session.clear()  # a fresh session (and CSRF token) after sign-in
    request.session["user"] = user_name
    request.session["key"] = user_key
    csrf_token(request)
    return RedirectResponse(safe_next(str(form.get("next", ""))), status_code=303)


@login_required
async def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


# ---------------------------------------------------------------------------
# queue
# ---------------------------------------------------------------------------


@login_required
async def queue(request: Request) -> Response:
    filters = _filters(request)
    status = filters.get("status", "open")
    config: AppConfig = request.app.state.config
    with config.sessions() as session:
        scope = list_flags(session, status=status)
        flags = [f for f in scope if _matches(f, filters)]
    facets = {
        "severity": _facet(scope, filters, "severity", lambda f: [f.severity], SEVERITY_LABELS.get),
        "code": _facet(scope, filters, "code", lambda f: [f.code], rule_title),
        "province": _facet(scope, filters, "province", lambda f: [f.province or "—"], str),
    }
    facets["severity"].sort(key=lambda t: ["error", "warning", "info"].index(t[0])
                            if t[0] in ("error", "warning", "info") else 9)
    active = [(_FILTER_NAMES[k], v) for k, v in filters.items() if k != "status"]

    def filter_url(**changes: str | None) -> str:
        merged = {**filters, **changes}
        query = urlencode({k: v for k, v in merged.items() if v})
        return "/" + (f"?{query}" if query else "")

    return _render(request, "queue.html", {
        "nav": "queue",
        "flags": flags,
        "facets": facets,
        "filters": {"status": status, **{k: filters.get(k) for k in FILTER_KEYS if k != "status"}},
        "statuses": QUEUE_STATUSES,
        "active_filters": active,
        "filter_url": filter_url,
    })


_FILTER_NAMES = {
    "province": "Tỉnh", "severity": "Mức độ", "code": "Quy tắc", "indicator": "Chỉ tiêu",
    "status": "Trạng thái",
}


def _matches(flag: FlagView, filters: dict[str, str]) -> bool:
    if filters.get("province") and (flag.province or "—") != filters["province"]:
        return False
    if filters.get("severity") and flag.severity != filters["severity"]:
        return False
    if filters.get("code") and flag.code != filters["code"]:
        return False
    return not (filters.get("indicator") and filters["indicator"] not in flag.indicator_codes)


def _facet(
    scope: list[FlagView],
    filters: dict[str, str],
    key: str,
    values: Callable[[FlagView], list[str]],
    label: Callable[[str], str | None],
) -> list[tuple[str, str, int]]:
    """Counts for one facet under the *other* active filters (so they can combine)."""
    others = {k: v for k, v in filters.items() if k != key}
    counts: Counter[str] = Counter()
    for flag in scope:
        if _matches(flag, others):
            counts.update(values(flag))
    return [(k, label(k) or k, n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# ---------------------------------------------------------------------------
# one flag
# ---------------------------------------------------------------------------


@login_required
async def flag_page(request: Request) -> Response:
    flag_id = request.path_params["flag_id"]
    config: AppConfig = request.app.state.config
    filters = _filters(request)
    with config.sessions() as session:
        flag = get_flag(session, flag_id)
        if flag is None:
            return _not_found(request)
        context = _flag_context(request, session, flag, filters)
    return _render(request, "flag.html", context)


def _flag_context(
    request: Request, session: Session, flag: FlagView, filters: dict[str, str]
) -> dict[str, Any]:
    config: AppConfig = request.app.state.config
    ordered = [f for f in list_flags(session, status="all") if _matches(f, filters)]
    ids = [f.id for f in ordered]
    open_ids = [f.id for f in ordered if f.status == "open"]
    prev_id, next_id = _neighbours(ids, open_ids, flag.id)
    codes = flag.indicator_codes
    values = []
    document = None
    if flag.document_id is not None:
        document = get_document(session, flag.document_id)
        values = [v for v in document_values(session, flag.document_id) if v.code in codes]
    others = [f for f in list_flags(session, status="all", document_id=flag.document_id)
              if f.id != flag.id] if flag.document_id is not None else []
    history = session.scalars(
        select(AuditEntry).where(AuditEntry.fingerprint == flag.fingerprint).order_by(AuditEntry.id)
    ).all()
    path = source_file(config.store, document) if (config.store and document) else None
    location = flag.location or (values[0].location if values else None)
    pdf_image = (
        path is not None and document is not None and document.format == "pdf"
        and bool(location and location.get("page"))
    )
    contexts = _contexts(flag, values, path, location)
    if flag.citation and flag.document_id is not None:
        contexts += _citation_contexts(flag, citation_mentions(session, flag.document_id, flag.citation))
    return {
        "nav": "queue",
        "flag": flag,
        "explanation": rule_explanation(flag.code),
        "values": values,
        "contexts": contexts,
        "pdf_image_url": f"/flags/{flag.id}/page.png" if pdf_image else None,
        "evidence_items": _evidence_items(flag.evidence),
        "other_flags": others,
        "history": [_history_row(h) for h in history],
        "prev_url": _flag_url(prev_id, filters) if prev_id else None,
        "next_url": _flag_url(next_id, filters) if next_id else None,
        "position": open_ids.index(flag.id) + 1 if flag.id in open_ids else None,
        "total": len(open_ids),
        "queue_url": "/" + (f"?{urlencode(filters)}" if filters else ""),
        "decide_url": _flag_url(flag.id, filters).replace(f"/flags/{flag.id}", f"/flags/{flag.id}/decide", 1),
        "indicator_choices": [(c, indicator_label(c)) for c in codes],
        "default_line": flag.suspect or (codes[0] if len(codes) == 1 else None),
    }


def _neighbours(ids: list[int], open_ids: list[int], current: int) -> tuple[int | None, int | None]:
    """Previous and next *open* flag around ``current`` in review order (next wraps)."""
    open_set = set(open_ids)
    if current not in ids:
        return None, (open_ids[0] if open_ids else None)
    at = ids.index(current)
    before = [i for i in ids[:at] if i in open_set]
    after = [i for i in ids[at + 1 :] if i in open_set]
    next_id = after[0] if after else (before[0] if before else None)
    return (before[-1] if before else None), next_id


def _contexts(flag: FlagView, values, path: Path | None, location) -> list[tuple[str, list]]:
    needles = number_needles(None, None)
    for v in values:
        needles += number_needles(v.value, v.rate, v.value_raw, v.rate_raw)
    ev = flag.evidence
    needles += number_needles(ev.get("value"), ev.get("rate"), ev.get("value_raw"), ev.get("rate_raw"))
    for key in ("total", "parts_sum"):
        if isinstance(ev.get(key), int | float):
            needles += number_needles(ev[key], None)
    for part in ev.get("parts") or []:
        if isinstance(part, dict):
            needles += number_needles(part.get("value"), part.get("rate"))
    needles += _citation_needles(flag)
    out: list[tuple[str, list]] = []
    seen: set[str] = set()

    def add(label: str, text: Any) -> None:
        if isinstance(text, str) and text.strip() and text.strip() not in seen:
            seen.add(text.strip())
            out.append((label, highlight(text.strip(), needles)))

    if path is not None and location:
        add(f"Trong tệp gốc ({flag.location_text or 'vị trí cảnh báo'})", _block_text(path, location))
    for key in ("text", "sentence", "snippet", "context", "raw"):
        add("Đoạn văn bản làm căn cứ", ev.get(key))
    for v in values:
        add(f"Dòng {v.code} như đã đọc", v.raw)
    return out


def _citation_needles(flag: FlagView) -> list[str]:
    """The cited number/symbol and the dates in question, as they may be written."""
    if not flag.citation:
        return []
    needles = [flag.citation]
    dates = flag.evidence.get("dates")
    for iso in dates if isinstance(dates, dict) else []:
        parts = str(iso).split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            y, m, d = parts
            needles += [f"{d}/{m}/{y}", f"{int(d)}/{int(m)}/{y}", f"{d}-{m}-{y}", f"{d}.{m}.{y}"]
    return needles


def _citation_contexts(flag: FlagView, mentions) -> list[tuple[str, list]]:
    """Every mention of the cited document, its number and dates marked."""
    needles = _citation_needles(flag)
    return [
        (f"Trích dẫn trong báo cáo ({describe_location(location) or 'vị trí không rõ'})",
         highlight(raw, needles))
        for raw, location in mentions
    ]


def _block_text(path: Path, location: dict[str, Any]) -> str | None:
    from review.evidence import block_context

    document = _read_cached(str(path), path.stat().st_mtime_ns)
    if document is None:
        return None
    return block_context(document, _location(location))


@functools.lru_cache(maxsize=8)
def _read_cached(path: str, _mtime: int):
    """Parsed stored documents, re-read for context; the file was parsed safely before."""
    from readers import ReaderError, read_document

    try:
        return read_document(path)
    except (ReaderError, OSError, ValueError) as exc:
        log.info("cannot re-read %s for context: %s", path, exc)
        return None


def _location(data: dict[str, Any]):
    from baocao.model import Location

    known = {k: v for k, v in data.items() if k in Location.__dataclass_fields__ and k != "nested_in"}
    if known.get("bbox") is not None:
        known["bbox"] = tuple(known["bbox"])
    return Location(**known)


def _evidence_items(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    import json

    items = []
    for key, value in evidence.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        items.append((key, text))
    return items


def _history_row(entry: AuditEntry) -> dict[str, Any]:
    def value_text(snapshot: dict[str, Any]) -> str:
        if snapshot.get("status") != "corrected":
            return ""
        parts = [f"{snapshot.get('indicator') or ''}"]
        if snapshot.get("value") is not None:
            parts.append(f"số lượng {fmt_number(snapshot['value'])}")
        if snapshot.get("rate") is not None:
            parts.append(f"tỉ lệ {fmt_number(snapshot['rate'])}%")
        return " ".join(p for p in parts if p)

    return {
        "at": fmt_time(entry.at),
        "actor": entry.actor,
        "channel": entry.channel,
        "flag_id": entry.flag_id,
        "code": entry.code,
        "before_status": entry.before.get("status", "open"),
        "after_status": entry.after.get("status"),
        "before_value_text": value_text(entry.before),
        "after_value_text": value_text(entry.after),
        "note": entry.note,
    }


@login_required
async def decide_flag(request: Request) -> Response:
    flag_id = request.path_params["flag_id"]
    form = request.state.form
    filters = _filters(request)
    config: AppConfig = request.app.state.config
    try:
        expected = int(str(form.get("version", "")))
    except ValueError:
        return _error(request, 400, "Thiếu phiên bản", "Biểu mẫu thiếu số phiên bản của cảnh báo.")
    try:
        with config.sessions.begin() as session:
            flag = get_flag(session, flag_id)
            if flag is None:
                return _not_found(request)
            decide(
                session,
                flag.key,
                str(form.get("action", "")),
                request.state.user,
                expected_version=expected,
                value=parse_number(_field(form, "value")),
                rate=parse_number(_field(form, "rate")),
                indicator=_field(form, "indicator"),
                note=_field(form, "note"),
                channel="web",
            )
    except VersionConflict as exc:
        return _error(request, 409, "Xung đột quyết định", str(exc), link=_flag_url(flag_id, filters),
                      link_text="Tải lại cảnh báo")
    except DecisionError as exc:
        return _flag_with_error(request, flag_id, filters, form, str(exc))
    with config.sessions() as session:
        ordered = [f for f in list_flags(session, status="all") if _matches(f, filters)]
    ids = [f.id for f in ordered]
    open_ids = [f.id for f in ordered if f.status == "open"]
    _, next_id = _neighbours(ids, open_ids, flag_id)
    target = _flag_url(next_id, filters) if next_id else "/" + (f"?{urlencode(filters)}" if filters else "")
    return RedirectResponse(target, status_code=303)


def _flag_with_error(
    request: Request, flag_id: int, filters: dict[str, str], form, message: str
) -> Response:
    """The flag page again, with the reason and what the reviewer typed kept."""
    config: AppConfig = request.app.state.config
    with config.sessions() as session:
        flag = get_flag(session, flag_id)
        if flag is None:
            return _not_found(request)
        context = _flag_context(request, session, flag, filters)
    context["error"] = message[:1].upper() + message[1:] + "."
    context["typed"] = {k: _field(form, k) or "" for k in ("note", "value", "rate")}
    if "indicator" in form:
        context["default_line"] = _field(form, "indicator")
    return _render(request, "flag.html", context, status_code=400)


def _field(form, name: str) -> str | None:
    value = form.get(name)
    return str(value) if value not in (None, "") else None


def _error(request: Request, status: int, heading: str, message: str, **extra: Any) -> Response:
    return _render(request, "error.html", {"heading": heading, "message": message, **extra},
                   status_code=status)


def _not_found(request: Request) -> Response:
    return _error(request, 404, "Không tìm thấy", "Không có cảnh báo này.", link="/",
                  link_text="Về hàng đợi")


@login_required
async def flag_page_image(request: Request) -> Response:
    flag_id = request.path_params["flag_id"]
    config: AppConfig = request.app.state.config
    with config.sessions() as session:
        flag = get_flag(session, flag_id)
        document = get_document(session, flag.document_id) if flag and flag.document_id else None
        location = flag.location if flag else None
        if flag and not (location and location.get("page")) and document:
            values = [v for v in document_values(session, document.id) if v.code in flag.indicator_codes]
            location = values[0].location if values else None
    path = source_file(config.store, document) if (config.store and document) else None
    if path is None or not location or not location.get("page") or document.format != "pdf":
        return PlainTextResponse("Không có ảnh trang.", status_code=404)
    bbox = tuple(location["bbox"]) if location.get("bbox") else None
    try:
        png = _render_region(str(path), int(location["page"]), bbox)
    except Exception as exc:  # a PDF that cannot be rendered must not break the page
        log.warning("cannot render %s page %s: %s", path, location.get("page"), exc)
        return PlainTextResponse("Không vẽ được trang PDF.", status_code=404)
    return Response(png, media_type="image/png", headers={"cache-control": "private, max-age=600"})


@functools.lru_cache(maxsize=32)
def _render_region(path: str, page: int, bbox: tuple[float, ...] | None) -> bytes:
    return render_pdf_region(Path(path), page, bbox)


# ---------------------------------------------------------------------------
# overview and audit
# ---------------------------------------------------------------------------


@login_required
async def overview_page(request: Request) -> Response:
    config: AppConfig = request.app.state.config
    with config.sessions() as session:
        context = overview.build(session)
    return _render(request, "overview.html", {"nav": "overview", **context})


@login_required
async def audit_page(request: Request) -> Response:
    config: AppConfig = request.app.state.config
    with config.sessions() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(500)).all()
        rows = [_history_row(e) for e in entries]
    return _render(request, "audit.html", {"nav": "audit", "entries": rows})


async def health(request: Request) -> Response:
    return PlainTextResponse("ok")


def create_app(
    engine: Engine, store: str | os.PathLike[str] | None = None, *, secret_key: str | None = None,
    https_only: bool = False,
) -> Starlette:
    """The ASGI app over an opened store engine (tables must exist)."""
    store_path = Path(store) if store else None
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    templates = Jinja2Templates(env=env)
    middleware = [
        Middleware(SecurityHeadersMiddleware),
        Middleware(
            SessionMiddleware,
            secret_key=secret_key or load_secret(store_path),
            session_cookie="baocao_review",
            max_age=12 * 3600,
            same_site="lax",
            https_only=https_only,
        ),
    ]
    routes = [
        Route("/", queue, name="queue"),
        Route("/login", login, methods=["GET", "POST"], name="login"),
        Route("/logout", logout, methods=["POST"], name="logout"),
        Route("/flags/{flag_id:int}", flag_page, name="flag"),
        Route("/flags/{flag_id:int}/decide", decide_flag, methods=["POST"], name="decide"),
        Route("/flags/{flag_id:int}/page.png", flag_page_image, name="flag_image"),
        Route("/overview", overview_page, name="overview"),
        Route("/audit", audit_page, name="audit"),
        Route("/healthz", health, name="health"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.config = AppConfig(engine=engine, store=store_path)
    app.state.templates = templates
    app.state.throttle = SignInThrottle()
    return app

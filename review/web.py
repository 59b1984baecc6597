"""What every page of the review app shares: the signed-in check, rendering, filters.

``login_required`` resolves the cookie's session id against the store
(:mod:`review.sessions`) on every request, so a revoked or expired session is refused
even though its cookie is still validly signed.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from review import sessions
from review.display import fmt_number
from review.queries import SEVERITY_LABELS, STATUS_LABELS, FlagView
from review.security import CSRF_FIELD, csrf_ok, csrf_token, same_origin

FILTER_KEYS = ("status", "province", "severity", "code", "indicator")
FILTER_NAMES = {
    "province": "Tỉnh", "severity": "Mức độ", "code": "Quy tắc", "indicator": "Chỉ tiêu",
    "status": "Trạng thái",
}
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SESSION_KEY = "sid"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppConfig:
    engine: Engine
    store: Path | None
    policy: sessions.Policy = field(default_factory=sessions.Policy)
    clock: Callable[[], datetime] = utc_now
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)


Handler = Callable[[Request], Awaitable[Response]]


def config_of(request: Request) -> AppConfig:
    return request.app.state.config


def login_required(handler: Handler) -> Handler:
    """Pages redirect to sign-in; anything else (POST, images) answers 401."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        user = current_user(request)
        if user is None:
            if _wants_page(request):
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)
            return PlainTextResponse("Cần đăng nhập.", status_code=401)
        request.state.user = user
        if request.method == "POST":
            form = await request.form()
            if not same_origin(request) or not csrf_ok(request, form.get(CSRF_FIELD)):
                return forbidden(request)
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


def current_user(request: Request) -> str | None:
    """The user of a live server-side session, else None (and the cookie is emptied)."""
    session_id = request.session.get(SESSION_KEY)
    if not session_id:
        return None
    config = config_of(request)
    with config.sessions.begin() as db:
        name = sessions.resolve(db, str(session_id), config.clock(), config.policy)
    if name is None:
        request.session.clear()
    return name


def client_address(request: Request) -> str:
    """The client's address (uvicorn puts the forwarded one here for a trusted proxy only)."""
    return request.client.host if request.client else "?"


def forbidden(request: Request) -> Response:
    return render(
        request,
        "error.html",
        {"heading": "Yêu cầu bị từ chối", "message": "Mã xác thực biểu mẫu (CSRF) không hợp lệ "
         "hoặc đã hết hạn. Hãy tải lại trang rồi thử lại."},
        status_code=403,
    )


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    base = {
        "user": getattr(request.state, "user", None),
        "csrf_token": csrf_token(request),
        "severity_labels": SEVERITY_LABELS,
        "status_labels": STATUS_LABELS,
        "fmt_number": fmt_number,
        "fmt_time": fmt_time,
        "flag_url": lambda flag_id: flag_url(flag_id, filters_of(request)),
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def fmt_time(moment: datetime | None) -> str:
    """Vietnam local time for people; the store keeps UTC (naive from SQLite)."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M:%S")


def filters_of(request: Request) -> dict[str, str]:
    return {k: request.query_params[k] for k in FILTER_KEYS if request.query_params.get(k)}


def query_string(filters: dict[str, str]) -> str:
    query = urlencode({k: v for k, v in filters.items() if v})
    return f"?{query}" if query else ""


def flag_url(flag_id: int, filters: dict[str, str]) -> str:
    return f"/flags/{flag_id}" + query_string(filters)


def queue_url(filters: dict[str, str]) -> str:
    return "/" + query_string(filters)


def matches(flag: FlagView, filters: dict[str, str]) -> bool:
    """Does a flag pass the queue's province/severity/rule/line filters (status aside)?"""
    if filters.get("province") and (flag.province or "—") != filters["province"]:
        return False
    if filters.get("severity") and flag.severity != filters["severity"]:
        return False
    if filters.get("code") and flag.code != filters["code"]:
        return False
    return not (filters.get("indicator") and filters["indicator"] not in flag.indicator_codes)


def field_text(form, name: str) -> str | None:
    value = form.get(name)
    return str(value) if value not in (None, "") else None


def error(request: Request, status: int, heading: str, message: str, **extra: Any) -> Response:
    return render(request, "error.html", {"heading": heading, "message": message, **extra},
                  status_code=status)


def not_found(request: Request) -> Response:
    return error(request, 404, "Không tìm thấy", "Không có cảnh báo này.", link="/",
                 link_text="Về hàng đợi")

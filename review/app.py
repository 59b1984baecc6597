"""The review web app: sign-in, the flag queue, one page per flag, decisions, overview.

Server-rendered (Starlette + Jinja2 with autoescape), one small static JS file for
keyboard shortcuts.  Every document-derived string reaches the browser through
Jinja2 escaping; the CSP forbids inline scripts as a second line of defence.  Routes
live by concern: :mod:`review.signin`, :mod:`review.queue_views`,
:mod:`review.flag_views`, :mod:`review.decide_views`; this module wires them with the
session cookie (server-side sessions, :mod:`review.sessions`) and security headers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine, select
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from review import overview
from review.cropper import Cropper
from review.decide_views import bulk_accept, decide_flag, undo_last
from review.flag_views import flag_page, flag_page_image, history_row
from review.queue_views import queue
from review.security import SecurityHeadersMiddleware, SignInThrottle, load_secret
from review.sessions import Policy
from review.signin import login, logout
from review.web import AppConfig, config_of, login_required, render, utc_now
from store.review_tables import AuditEntry

HERE = Path(__file__).resolve().parent


@login_required
async def overview_page(request: Request) -> Response:
    with config_of(request).sessions() as session:
        context = overview.build(session)
    return render(request, "overview.html", {"nav": "overview", **context})


@login_required
async def audit_page(request: Request) -> Response:
    with config_of(request).sessions() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(500)).all()
        rows = [history_row(e) for e in entries]
    return render(request, "audit.html", {"nav": "audit", "entries": rows})


async def health(request: Request) -> Response:
    return PlainTextResponse("ok")


ROUTES = [
    Route("/", queue, name="queue"),
    Route("/login", login, methods=["GET", "POST"], name="login"),
    Route("/logout", logout, methods=["POST"], name="logout"),
    Route("/flags/{flag_id:int}", flag_page, name="flag"),
    Route("/flags/{flag_id:int}/decide", decide_flag, methods=["POST"], name="decide"),
    Route("/flags/{flag_id:int}/page.png", flag_page_image, name="flag_image"),
    Route("/undo", undo_last, methods=["POST"], name="undo"),
    Route("/bulk-accept", bulk_accept, methods=["GET", "POST"], name="bulk_accept"),
    Route("/overview", overview_page, name="overview"),
    Route("/audit", audit_page, name="audit"),
    Route("/healthz", health, name="health"),
    Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
]


def create_app(
    engine: Engine, store: str | os.PathLike[str] | None = None, *, secret_key: str | None = None,
    https_only: bool = False, policy: Policy | None = None, clock: Callable[[], datetime] | None = None,
    throttle: SignInThrottle | None = None, cropper: Cropper | None = None,
) -> Starlette:
    """The ASGI app over an opened store engine (tables must exist).

    ``https_only`` marks the cookie ``Secure`` always (``--https``); behind a trusted
    proxy the scheme the proxy reports does the same per request.  ``policy`` (idle and
    absolute timeouts, default from the settings), ``clock``, ``throttle`` and
    ``cropper`` (the capped child that re-reads stored originals) are injectable.
    """
    store_path = Path(store) if store else None
    policy = policy or Policy.from_settings()
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    middleware = [
        Middleware(SecurityHeadersMiddleware),
        Middleware(
            SessionMiddleware,
            secret_key=secret_key or load_secret(store_path),
            session_cookie="baocao_review",
            max_age=int(policy.absolute.total_seconds()),
            same_site="strict",
            https_only=https_only,
        ),
    ]
    app = Starlette(routes=ROUTES, middleware=middleware)
    app.state.config = AppConfig(engine=engine, store=store_path, policy=policy, clock=clock or utc_now)
    app.state.templates = Jinja2Templates(env=env)
    app.state.throttle = throttle or SignInThrottle()
    app.state.cropper = cropper or Cropper()
    return app

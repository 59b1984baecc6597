"""Sign-in and sign-out of the review app.

Sign-in starts a new server-side session with a fresh id and CSRF token (the cookie
the browser had before is emptied: no session fixation) and revokes the session that
cookie may still have named.  Failures back off per user name and address
(:class:`review.security.SignInThrottle`); a throttled attempt is answered 429 with
``Retry-After`` and never checks the password.
"""

from __future__ import annotations

import logging
import math

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from review import auth, sessions
from review.security import CSRF_FIELD, SignInThrottle, csrf_ok, csrf_token, safe_next, same_origin
from review.web import SESSION_KEY, client_address, config_of, forbidden, login_required, render

log = logging.getLogger(__name__)


def _login_page(request: Request, form, error: str | None, status: int, **extra) -> Response:
    return render(request, "login.html", {
        "next_url": safe_next(str(form.get("next", ""))), "error": error,
        "username": str(form.get("username", ""))[:64], **extra,
    }, status_code=status)


async def login(request: Request) -> Response:
    if request.method == "GET":
        return _login_page(request, request.query_params, None, 200)
    form = await request.form()
    if not same_origin(request) or not csrf_ok(request, form.get(CSRF_FIELD)):
        return forbidden(request)
    name = auth.normalize_name(str(form.get("username", ""))[:64])
    password = str(form.get("password", ""))[:1024]
    address = client_address(request)
    throttle: SignInThrottle = request.app.state.throttle
    wait = throttle.retry_after(name, address)
    if wait > 0:
        seconds = math.ceil(wait)
        response = _login_page(request, form, "Đăng nhập sai nhiều lần từ máy này. Hãy thử lại sau "
                               f"{seconds} giây.", 429)
        response.headers["retry-after"] = str(seconds)
        return response
    config = config_of(request)
    now = config.clock()
    with config.sessions.begin() as db:
        user = auth.authenticate(db, name, password)
        if user is not None:
            sessions.end(db, request.session.get(SESSION_KEY), now, "login")
            session_id = sessions.start(db, user, now, address)
    if user is None:
        throttle.failed(name, address)
        log.info("failed sign-in for %r from %s", name, address)
        return _login_page(request, form, "Sai tên đăng nhập hoặc mật khẩu.", 401)
    throttle.succeeded(name, address)
    request.session.clear()  # a fresh cookie: new session id and CSRF token
    request.session[SESSION_KEY] = session_id
    csrf_token(request)
    return RedirectResponse(safe_next(str(form.get("next", ""))), status_code=303)


@login_required
async def logout(request: Request) -> Response:
    config = config_of(request)
    with config.sessions.begin() as db:
        sessions.end(db, request.session.get(SESSION_KEY), config.clock(), "logout")
    request.session.clear()
    return RedirectResponse("/login", status_code=303)

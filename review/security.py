"""Sessions, CSRF and response headers for the review app.

The cookie is Starlette's signed session (itsdangerous; HttpOnly, SameSite=Strict,
Secure over HTTPS) holding only a random session id (checked against the store, see
``review.sessions``) and a per-session CSRF token.  Every POST must echo that token in
its form; a forged cross-site post cannot read it and gets 403.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from baocao import settings

CSRF_FIELD = "csrf_token"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


_HSTS = (b"strict-transport-security", b"max-age=31536000")


def _secure_cookie(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    """A cookie set over HTTPS (directly or behind a trusted proxy) is ``Secure``."""
    if name.lower() == b"set-cookie" and b"; secure" not in value.lower():
        value += b"; secure"
    return name, value


class SecurityHeadersMiddleware:
    """Adds CSP and friends to every HTTP response (pure ASGI: cheap, no buffering).

    Over HTTPS (``scope["scheme"]``, which uvicorn takes from ``X-Forwarded-Proto`` only
    when the proxy is trusted) every cookie gets ``Secure`` and the response HSTS.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if https:
                    headers = [_secure_cookie(k, v) for k, v in headers] + [_HSTS]
                present = {name for name, _ in headers}
                message["headers"] = headers + [(k, v) for k, v in _HEADERS if k not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """This session's CSRF token, created on first use."""
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


def csrf_ok(request: Request, submitted: object) -> bool:
    expected = request.session.get(CSRF_FIELD)
    if not expected or not isinstance(submitted, str) or not submitted:
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode())


def load_secret(store_dir: Path | None) -> str:
    """The cookie-signing key: $BAOCAO_REVIEW_SECRET, else a file kept in the store.

    Kept on disk (mode 0600) so sessions survive restarting ``baocao review``.
    """
    from_env = settings.load().review_secret
    if from_env:
        return from_env
    if store_dir is None:
        return secrets.token_urlsafe(48)
    path = Path(store_dir) / "review-secret.key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secret)
    return secret


def safe_next(url: str | None) -> str:
    """Only same-site relative paths after sign-in (no open redirect)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/"
    return url


def same_origin(request: Request) -> bool:
    """False when a browser says the form came from another site (Origin/Referer).

    A second line behind the CSRF token; requests without either header (CLI tools,
    old browsers) are left to the token check.
    """
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        return source != "null"
    return urlsplit(source).netloc == request.headers.get("host", "")


class SignInThrottle:
    """Exponential back-off after failed sign-ins, per (user name, address) and per address.

    Keyed by the pair so that someone failing from their address slows down only
    themselves: the rightful user signing in from another address is never held back
    (OWASP Authentication cheat sheet: throttle, do not lock accounts).  After ``free``
    failures a pair must wait ``base`` seconds, doubling with each further failure up to
    ``cap``; one address trying many names is throttled the same way after
    ``address_free`` failures.  A success clears the pair.  In memory (one process
    serves the app), bounded to ``max_keys`` entries; the clock is injectable.
    """

    def __init__(self, *, free: int = 3, base: float = 1.0, cap: float = 900.0,
                 address_free: int = 30, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.base, self.cap = free, base, cap
        self.address_free, self.max_keys = address_free, max_keys
        self.clock = clock
        self._failures: OrderedDict[tuple[str, ...], tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def _delay(self, count: int, free: int) -> float:
        if count < free:
            return 0.0
        return min(self.cap, self.base * 2 ** min(count - free, 30))

    def _keys(self, name: str, address: str) -> list[tuple[tuple[str, ...], int]]:
        return [(("pair", name, address), self.free), (("address", address), self.address_free)]

    def retry_after(self, name: str, address: str) -> float:
        """Seconds before this name may try again from this address (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [0.0]
            for key, free in self._keys(name, address):
                count, last = self._failures.get(key, (0, now))
                waits.append(last + self._delay(count, free) - now)
            return max(waits)

    def failed(self, name: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            for key, _ in self._keys(name, address):
                count, _last = self._failures.pop(key, (0, now))
                self._failures[key] = (count + 1, now)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def succeeded(self, name: str, address: str) -> None:
        with self._lock:
            self._failures.pop(("pair", name, address), None)

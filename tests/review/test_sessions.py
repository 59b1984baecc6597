"""Review app sessions as the OWASP cheat sheets describe: server-side, revocable, timed out,
rotated at sign-in, throttled per user name and address, cookie flags by scheme."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from review import auth
from review.app import create_app
from review.security import SignInThrottle
from review.sessions import Policy
from store.review_tables import ReviewSession
from tests.review.conftest import PASSWORD
from tests.review.helpers import token_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


class Clock:
    """A wall clock and a monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return (self.now - datetime(2026, 1, 1, tzinfo=UTC)).total_seconds()

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def _app(fx, clock: Clock | None = None, **kwargs):
    clock = clock or Clock()
    throttle = SignInThrottle(clock=clock.monotonic)
    return create_app(fx.engine, fx.store, secret_key="test-secret", clock=clock, throttle=throttle,
                      policy=Policy(idle=timedelta(minutes=30), absolute=timedelta(hours=8)), **kwargs)


def _client(app, address: str = "10.0.0.1", base_url: str = "http://testserver") -> TestClient:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(app, base_url=base_url, client=(address, 50000))


def _sign_in(c: TestClient, name: str = "lan", password: str = PASSWORD):
    token = token_of(c.get("/login").text)
    return c.post("/login", data={"username": name, "password": password, "csrf_token": token, "next": "/"},
                  follow_redirects=False)  # fmt: skip


def _cookie(c: TestClient) -> str:
    return c.cookies["baocao_review"]


def _replay(app, cookie: str) -> int:
    """A request from somewhere else carrying a copied cookie: its status code."""
    other = _client(app, "203.0.113.9")
    other.cookies.set("baocao_review", cookie)
    return other.get("/", follow_redirects=False).status_code


def test_a_cookie_copied_before_logout_is_refused_after(review_store):
    app = _app(review_store)
    c = _client(app)
    assert _sign_in(c).status_code == 303
    copied = _cookie(c)
    assert _replay(app, copied) == 200  # the copy works while the session lives
    token = token_of(c.get("/").text)
    assert c.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert _replay(app, copied) == 303  # ... and not after signing out
    with Session(review_store.engine) as session:
        row = session.scalars(select(ReviewSession)).one()
    assert row.revoked_why == "logout" and row.revoked_at is not None


@pytest.mark.parametrize("change", ["password", "disable"])
def test_password_reset_or_disabling_revokes_every_session(review_store, change):
    app = _app(review_store)
    first, second = _client(app, "10.0.0.1"), _client(app, "10.0.0.2")
    _sign_in(first), _sign_in(second)
    copies = [_cookie(first), _cookie(second)]
    with Session(review_store.engine) as session, session.begin():
        if change == "password":
            auth.add_user(session, "lan", "mot-mat-khau-moi-9")
        else:
            auth.disable_user(session, "lan")
    assert [_replay(app, cookie) for cookie in copies] == [303, 303]
    if change == "password":
        assert _sign_in(_client(app), password="mot-mat-khau-moi-9").status_code == 303


def test_idle_and_absolute_timeouts(review_store):
    clock = Clock()
    app = _app(review_store, clock)
    c = _client(app)
    _sign_in(c)
    clock.advance(minutes=29)
    assert c.get("/", follow_redirects=False).status_code == 200  # activity resets the idle clock
    clock.advance(minutes=29)
    assert c.get("/", follow_redirects=False).status_code == 200
    clock.advance(minutes=31)
    assert c.get("/", follow_redirects=False).status_code == 303  # idle too long
    c = _client(app)
    _sign_in(c)
    for _ in range(17):  # busy all day, a request every 29 minutes: 8 h 13 min
        clock.advance(minutes=29)
        c.get("/", follow_redirects=False)
    assert c.get("/", follow_redirects=False).status_code == 303  # absolute limit of 8 h
    with Session(review_store.engine) as session:
        reasons = sorted(r.revoked_why for r in session.scalars(select(ReviewSession)))
    assert reasons == ["expired", "idle"]


def test_session_id_is_rotated_at_sign_in(review_store):
    app = _app(review_store)
    c = _client(app)
    c.get("/login")
    before = _cookie(c)  # the anonymous cookie (CSRF token only) an attacker could plant
    _sign_in(c)
    after = _cookie(c)
    assert after != before
    assert _replay(app, before) == 303  # the planted cookie never becomes signed in
    token = token_of(c.get("/").text)
    c.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": token}, follow_redirects=False)
    assert _cookie(c) != after and _replay(app, after) == 303  # signing in again replaces the session
    with Session(review_store.engine) as session:
        rows = session.scalars(select(ReviewSession).order_by(ReviewSession.created_at)).all()
    assert len(rows) == 2 and rows[0].revoked_why == "login" and rows[1].revoked_at is None
    assert all(len(r.id) == 64 for r in rows)  # only the digest is stored, never the id itself


def test_an_attacker_failing_from_one_address_does_not_lock_the_user_out(review_store):
    clock = Clock()
    app = _app(review_store, clock)
    attacker = _client(app, "198.51.100.7")
    waits: list[int] = []
    for _ in range(20):
        if len(waits) == 5:
            break
        response = _sign_in(attacker, password="doan-bua-123")
        if response.status_code == 429:
            waits.append(int(response.headers["retry-after"]))
            clock.advance(seconds=waits[-1])  # the attacker waits as told, then fails again
    assert waits == [1, 2, 4, 8, 16]  # back-off doubles after three free tries
    assert _sign_in(attacker, password="doan-bua-456").status_code == 401
    blocked = _sign_in(attacker)  # even the right password waits its turn from there
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "32"
    user = _client(app, "10.0.0.1")
    assert _sign_in(user).status_code == 303  # the rightful user from another address gets in at once
    assert user.get("/", follow_redirects=False).status_code == 200


def test_back_off_is_capped_and_forgiven_after_success():
    clock = Clock()
    throttle = SignInThrottle(clock=clock.monotonic, cap=900)
    for _ in range(40):
        throttle.failed("lan", "10.0.0.1")
    assert throttle.retry_after("lan", "10.0.0.1") == 900  # never locked out for longer than 15 min
    assert throttle.retry_after("lan", "10.0.0.2") == 0
    assert throttle.retry_after("minh", "10.0.0.1") == 900  # one address spraying names is slowed too
    clock.advance(seconds=900)
    assert throttle.retry_after("lan", "10.0.0.1") == 0
    throttle.succeeded("lan", "10.0.0.1")
    throttle.failed("lan", "10.0.0.1")
    assert throttle.retry_after("lan", "10.0.0.1") > 0  # the address still carries its own history


def test_cookie_flags_follow_the_scheme(review_store):
    plain = _client(_app(review_store))
    cookie = _sign_in(plain).headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    tls = _client(_app(review_store), base_url="https://testserver")
    response = _sign_in(tls)
    assert "; secure" in response.headers["set-cookie"].lower()
    assert response.headers["strict-transport-security"].startswith("max-age=")
    forced = _client(_app(review_store, https_only=True), base_url="https://testserver")
    assert "; secure" in _sign_in(forced).headers["set-cookie"].lower()


def test_argon2id_parameters_are_the_stated_ones():
    from argon2 import PasswordHasher, Type

    stated = PasswordHasher(**auth.ARGON2_PARAMETERS)
    assert (stated.time_cost, stated.memory_cost, stated.parallelism, stated.type) == (3, 65536, 4, Type.ID)
    assert stated.hash("mat-khau-rat-dai-1").startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_timeouts_come_from_the_settings(monkeypatch):
    monkeypatch.setenv("BAOCAO_REVIEW_IDLE_MINUTES", "5")
    monkeypatch.setenv("BAOCAO_REVIEW_MAX_HOURS", "2")
    assert Policy.from_settings() == Policy(idle=timedelta(minutes=5), absolute=timedelta(hours=2))
    monkeypatch.setenv("BAOCAO_REVIEW_IDLE_MINUTES", "không")  # malformed: the default, not 0
    assert Policy.from_settings().idle == timedelta(minutes=30)

"""Shared helpers for review tests: a signed-in TestClient and CSRF token scraping."""

from __future__ import annotations

import re
import warnings

with warnings.catch_warnings():  # starlette warns that httpx (installed) is deprecated
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from sqlalchemy.orm import Session

from review.app import create_app
from tests.review.conftest import PASSWORD, Fixture

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def token_of(html: str) -> str:
    match = _TOKEN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def client(fx: Fixture) -> TestClient:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(create_app(fx.engine, fx.store, secret_key="test-secret"))


def signed_in(fx: Fixture, name: str = "lan") -> TestClient:
    c = client(fx)
    token = token_of(c.get("/login").text)
    response = c.post(
        "/login",
        data={"username": name, "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return c


def pdf_evidence(fx: Fixture) -> int:
    """Point the Hải Phòng population flag at page 1 of a small PDF in the store."""
    from store.schema import Document, Flag, Source
    from tests.review.test_evidence import _pdf_bytes

    (fx.store / "objects" / "ab").mkdir(parents=True, exist_ok=True)
    (fx.store / "objects" / "ab" / "report.pdf").write_bytes(_pdf_bytes())
    flag_id = fx.flag_ids["hp_pop"]
    with Session(fx.engine) as session, session.begin():
        flag = session.get(Flag, flag_id)
        document = session.get(Document, flag.document_id)
        document.format = "pdf"
        session.query(Source).filter_by(sha256=document.source_sha256).one().stored_path = "objects/ab/report.pdf"
        flag.location = {"page": 1, "bbox": [70, 130, 400, 145]}
    return flag_id

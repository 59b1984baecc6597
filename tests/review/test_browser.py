"""The review app used as a person would: Playwright for Python driving Debian's Chromium.

Skipped (with the reason) when /usr/bin/chromium is missing; scripts/install_browser.sh
installs it.  Set BAOCAO_SCREENSHOTS=DIR to keep screenshots of the pages.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from review.app import create_app
from store.decisions import apply_decisions
from tests.review.conftest import PASSWORD, Fixture, build_store

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian Chromium missing at /usr/bin/chromium: run scripts/install_browser.sh",
    ),
    pytest.mark.slow,  # a real Chromium per module and a served app: seconds per test
]
LAUNCH_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Fixture]]:
    import uvicorn

    fx = build_store(tmp_path / "store")
    port = _free_port()
    config = uvicorn.Config(
        create_app(fx.engine, fx.store, secret_key="browser-test"),
        host="127.0.0.1", port=port, log_level="warning", lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", fx
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    """A fresh browser context (no cookies) per test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("BAOCAO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _sign_in(page, base: str, user: str = "lan") -> None:
    page.goto(base + "/")
    assert "/login" in page.url
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")


def _open_count(page) -> int:
    return page.locator("table.flags tbody tr").count()


def test_keyboard_only_review_reaches_export_and_overview(served, page):
    base, fx = served
    _sign_in(page, base)
    assert _open_count(page) == 4
    page.goto(base + "/overview")
    reviewed_before = page.locator("td.c-reviewed").count()
    assert page.locator("#reported-count").inner_text() == "2"
    _shot(page, "overview-before")

    page.goto(base + "/")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("Enter")  # opens the first flag of the queue
    page.wait_for_url("**/flags/*")
    assert page.locator("kbd", has_text="a").first.is_visible()  # the shortcut hint
    decisions = {"pop": "c", "xss": "a", "fmt": "r", "unf": "a"}
    by_id = {fx.flag_ids[f"{p}_{k}"]: v for k, v in decisions.items()
             for p in ("hp", "qn") if f"{p}_{k}" in fx.flag_ids}
    seen = []
    for _ in range(len(by_id)):
        flag_id = int(page.url.split("/flags/")[1].split("?")[0].split("/")[0])
        seen.append(flag_id)
        key = by_id[flag_id]
        if flag_id == fx.flag_ids["hp_pop"]:
            _shot(page, "flag")
        if key == "c":
            page.keyboard.press("c")  # focuses the corrected count
            page.keyboard.type("53.150")
            page.keyboard.press("Tab")
            page.keyboard.type("99,9")
            key = "Enter"  # Enter in a correction field saves the correction
        with page.expect_navigation():
            page.keyboard.press(key)
        if key == "r":  # rejecting asks first; Enter confirms
            assert "/decide" in page.url and page.locator("#confirm-what").is_visible()
            with page.expect_navigation():
                page.keyboard.press("Enter")
    assert sorted(seen) == sorted(by_id)
    page.wait_for_url(base + "/")
    assert "Không còn cảnh báo nào" in page.content()

    with Session(fx.engine) as session:
        rows = apply_decisions(session, [
            {"sha256": fx.sha["Hải Phòng"], "indicator": "1a", "value": 51608, "rate": 97.1},
            {"sha256": fx.sha["Hải Phòng"], "indicator": "2a", "value": 69511, "rate": 81.9},
            {"sha256": fx.sha["Quảng Ninh"], "indicator": "1c", "value": None, "rate": None},
        ])
    assert [(r["status"], r["value"], r["rate"]) for r in rows] == [
        ("corrected", 53150, 99.9), ("rejected", 69511, 81.9), ("accepted", None, None)]

    page.goto(base + "/overview")
    assert page.locator("td.c-flagged").count() == 0
    assert page.locator("td.c-reviewed").count() > reviewed_before
    _shot(page, "overview-after")


def test_injected_script_stays_inert(served, page):
    base, fx = served
    _sign_in(page, base)
    for path in ("/", f"/flags/{fx.flag_ids['hp_xss']}"):
        page.goto(base + path)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.locator("text=<script>window.pwned=1</script>").count() >= 1


def test_sign_out_then_pages_need_sign_in_again(served, page):
    base, _ = served
    _sign_in(page, base)
    page.click("button:has-text('Đăng xuất')")
    page.wait_for_url("**/login")
    page.goto(base + "/overview")
    assert "/login" in page.url


@pytest.fixture()
def served_haiphong(tmp_path: Path) -> Iterator[tuple[str, Fixture]]:
    """The real pipeline over the Hải Phòng sample report, served with one reviewer."""
    import shutil

    import uvicorn

    batch = pytest.importorskip("flows.batch")
    from review.auth import add_user
    from store.db import open_engine
    from store.review_tables import ensure_review_schema

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    sample = Path(__file__).resolve().parents[2] / "samples" / "reports" / "haiphong_report.pdf"
    shutil.copy(sample, inbox / sample.name)
    summary = batch.run_batch(inbox, tmp_path / "store")
    assert summary.get("documents") == 1 and summary.get("flags", 0) >= 5, summary
    engine = open_engine(tmp_path / "store")
    ensure_review_schema(engine)
    with Session(engine) as session, session.begin():
        add_user(session, "lan", PASSWORD)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(
        create_app(engine, tmp_path / "store", secret_key="browser-test"),
        host="127.0.0.1", port=port, log_level="warning", lifespan="off",
    ))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", Fixture(engine, tmp_path / "store", {}, {})
    server.should_exit = True
    thread.join(timeout=10)


def test_haiphong_queue_cleared_with_the_keyboard_alone(served_haiphong, page):
    export = pytest.importorskip("store.export")
    base, fx = served_haiphong
    page.goto(base + "/")
    # the user name field takes the focus by itself (autofocus); wait for it, no click
    page.wait_for_function("document.activeElement && document.activeElement.name === 'username'")
    page.keyboard.type("lan")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")
    total = _open_count(page)
    assert total >= 5, "the Hải Phòng sample should raise several flags"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(total):
        with page.expect_navigation():
            page.keyboard.press("a")
    page.wait_for_url(base + "/")
    assert _open_count(page) == 0
    with Session(fx.engine) as session:
        rows = export.export_rows(session)
        from review.queries import list_flags

        touched = {c for f in list_flags(session, status="all") for c in f.indicator_codes}
    statuses = {r["indicator"]: r["status"] for r in rows if r["province"] == "Hải Phòng"}
    assert touched and all(statuses[c] == "accepted" for c in touched if c in statuses)
    page.goto(base + "/overview")
    assert page.locator("tr[data-province='Hải Phòng'] td.c-flagged").count() == 0

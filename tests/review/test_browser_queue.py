"""Clearing the queue in a real browser (Playwright + Debian Chromium): reject keeps the value,
undo, bulk accept, the 390 px phone layout, and a cookie copied before sign-out.

Set BAOCAO_SCREENSHOTS=DIR to keep the 390 px screenshots (docs/screenshots/review-390px.png is one).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from review.queries import list_flags
from store.decisions import apply_decisions
from tests.review.helpers import pdf_evidence
from tests.review.test_browser import CHROMIUM, _sign_in, browser, page, served  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian Chromium missing at /usr/bin/chromium"),
    pytest.mark.slow,
]


def _open_ids(fx) -> set[int]:
    with Session(fx.engine) as session:
        return {f.id for f in list_flags(session, status="open")}


def _row(fx, province: str, code: str, value, rate):
    with Session(fx.engine) as session:
        row = apply_decisions(session, [{"sha256": fx.sha[province], "indicator": code, "value": value,
                                         "rate": rate}])[0]  # fmt: skip
    return row["status"], row["value"], row["rate"]


def _flag_id_in_url(url: str) -> int:
    return int(re.search(r"/flags/(\d+)", url).group(1))


def test_reject_leaves_the_value_and_undo_restores_the_previous_state(served, page):  # noqa: F811
    base, fx = served
    _sign_in(page, base)
    flag_id = fx.flag_ids["hp_fmt"]  # line 2a: 69511, 81.9 %
    page.goto(f"{base}/flags/{flag_id}")
    with page.expect_navigation():
        page.keyboard.press("r")
    assert "số liệu vẫn giữ như đã đọc" in page.locator("#confirm-what").inner_text().lower()
    assert _row(fx, "Hải Phòng", "2a", 69511, 81.9) == ("extracted", 69511, 81.9)  # nothing yet
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the confirmation button has the focus
    assert _flag_id_in_url(page.url) != flag_id  # on to the next flag
    assert _row(fx, "Hải Phòng", "2a", 69511, 81.9) == ("rejected", 69511, 81.9)  # value left as read
    assert flag_id not in _open_ids(fx)

    with page.expect_navigation():
        page.keyboard.press("u")
    assert _flag_id_in_url(page.url) == flag_id  # undo shows the flag it reopened
    assert page.locator(".flaghead .status").inner_text() == "Chưa xử lý"
    assert _row(fx, "Hải Phòng", "2a", 69511, 81.9) == ("extracted", 69511, 81.9)
    assert flag_id in _open_ids(fx)


def test_bulk_accept_clears_exactly_the_filtered_flags(served, page):  # noqa: F811
    base, fx = served
    _sign_in(page, base)
    before = _open_ids(fx)
    page.goto(base + "/?severity=warning")
    page.click("#bulk-accept")
    page.wait_for_url("**/bulk-accept?*")
    assert page.locator("#bulk-count").inner_text() == "2"
    with page.expect_navigation():
        page.click("button:has-text('Chấp nhận 2 cảnh báo')")
    assert page.locator("#bulk-accepted").inner_text() == "2"
    assert before - _open_ids(fx) == {fx.flag_ids["hp_pop"], fx.flag_ids["qn_unf"]}
    page.goto(base + "/")
    assert page.locator("table.flags tbody tr").count() == len(before) - 2


def _no_horizontal_scroll(tab) -> bool:
    return tab.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_phone_width_has_one_column_no_horizontal_scroll_and_the_crop_above_the_form(served, browser):  # noqa: F811
    base, fx = served
    flag_id = pdf_evidence(fx)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    try:
        _sign_in(tab, base)
        for path in ("/", "/?severity=warning", f"/flags/{flag_id}", f"/flags/{fx.flag_ids['hp_xss']}",
                     "/bulk-accept?severity=info", "/overview", "/audit"):
            tab.goto(base + path)
            assert _no_horizontal_scroll(tab), path
        tab.goto(f"{base}/flags/{flag_id}")
        tab.locator(".pdfcrop img").scroll_into_view_if_needed()
        tab.wait_for_function("document.querySelector('.pdfcrop img').naturalWidth > 0")
        crop = tab.locator(".pdfcrop img").bounding_box()
        form = tab.locator("form.decision").bounding_box()
        assert crop["y"] + crop["height"] <= form["y"]  # one column: the crop above the form
        assert crop["width"] <= 390 and form["width"] <= 390
        assert "khung đỏ là số liệu" in tab.locator(".pdfcrop figcaption").inner_text()
        folder = os.environ.get("BAOCAO_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            tab.evaluate("window.scrollTo(0, 0)")
            tab.screenshot(path=str(Path(folder) / "review-390px.png"))
        with tab.expect_navigation():  # keys work the same on a phone-sized page
            tab.keyboard.press("a")
        assert _no_horizontal_scroll(tab)
        tab.set_viewport_size({"width": 1400, "height": 900})  # and the desktop keeps two columns
        tab.goto(f"{base}/flags/{flag_id}")
        evidence, form = tab.locator("section.evidence").bounding_box(), tab.locator("aside.decide").bounding_box()
        assert form["x"] >= evidence["x"] + evidence["width"] and abs(form["y"] - evidence["y"]) < 5
    finally:
        context.close()


def test_a_cookie_copied_before_sign_out_is_refused_in_a_new_context(served, browser):  # noqa: F811
    base, _ = served
    first = browser.new_context()
    tab = first.new_page()
    try:
        _sign_in(tab, base)
        copied = first.cookies()
        assert [c["name"] for c in copied] == ["baocao_review"]
        assert copied[0]["httpOnly"] and copied[0]["sameSite"] == "Strict"
        tab.click("button:has-text('Đăng xuất')")
        tab.wait_for_url("**/login")
    finally:
        first.close()
    second = browser.new_context()
    try:
        second.add_cookies(copied)
        replay = second.new_page()
        replay.goto(base + "/overview")
        assert "/login" in replay.url  # the copy died with the session
        assert replay.evaluate("document.cookie") == ""  # and scripts never saw it (HttpOnly)
    finally:
        second.close()

"""The review app over HTTP: sign-in, CSRF, escaping, decisions, audit, conflicts."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from store.decisions import apply_decisions, effective_values
from store.review_tables import AuditEntry, ReviewState
from tests.review.conftest import XSS
from tests.review.helpers import client, signed_in, token_of


@pytest.mark.parametrize("path", ["/", "/overview", "/audit", "/flags/1"])
def test_pages_redirect_to_sign_in_when_anonymous(review_store, path):
    response = client(review_store).get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/flags/1/page.png"), ("POST", "/flags/1/decide"), ("POST", "/logout")],
)
def test_other_requests_get_401_when_anonymous(review_store, method, path):
    response = client(review_store).request(method, path, data={"action": "accept"})
    assert response.status_code == 401


def test_wrong_password_is_refused_and_cookie_is_locked_down(review_store):
    c = client(review_store)
    token = token_of(c.get("/login").text)
    bad = c.post("/login", data={"username": "lan", "password": "sai", "csrf_token": token})
    assert bad.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in bad.text
    assert c.get("/", follow_redirects=False).status_code == 303
    good = c.post(
        "/login",
        data={"username": "lan", "password": "mat-khau-rat-dai-1", "csrf_token": token},
        follow_redirects=False,
    )
    cookie = good.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    assert c.get("/").status_code == 200


def test_open_redirect_after_sign_in_is_refused(review_store):
    c = client(review_store)
    token = token_of(c.get("/login").text)
    response = c.post(
        "/login",
        data={"username": "lan", "password": "mat-khau-rat-dai-1", "csrf_token": token,
              "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_forged_decision_post_is_refused(review_store, token):
    c = signed_in(review_store)
    flag_id = review_store.flag_ids["hp_pop"]
    data = {"action": "accept", "version": "0"}
    if token is not None:
        data["csrf_token"] = token
    response = c.post(f"/flags/{flag_id}/decide", data=data, follow_redirects=False)
    assert response.status_code == 403
    with Session(review_store.engine) as session:
        assert session.scalars(select(ReviewState)).all() == []
        assert session.scalars(select(AuditEntry)).all() == []


def test_forged_sign_in_post_is_refused(review_store):
    response = client(review_store).post(
        "/login", data={"username": "lan", "password": "mat-khau-rat-dai-1"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("path_key", ["queue", "flag", "audit"])
def test_injected_markup_renders_as_text(review_store, path_key):
    c = signed_in(review_store)
    flag_id = review_store.flag_ids["hp_xss"]
    if path_key == "audit":
        page = c.get(f"/flags/{flag_id}")
        c.post(f"/flags/{flag_id}/decide", data={
            "action": "accept", "version": "0", "note": XSS, "csrf_token": token_of(page.text)})
    path = {"queue": "/", "flag": f"/flags/{flag_id}", "audit": "/audit"}[path_key]
    response = c.get(path)
    assert response.status_code == 200
    assert "<script>window.pwned" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def _decide(c, flag_id: int, **data):
    page = c.get(f"/flags/{flag_id}")
    form = {"csrf_token": token_of(page.text), "version": "0", **data}
    return c.post(f"/flags/{flag_id}/decide", data=form, follow_redirects=False)


def test_accept_records_state_and_audit_and_moves_on(review_store):
    c = signed_in(review_store)
    flag_id = review_store.flag_ids["hp_xss"]
    response = _decide(c, flag_id, action="accept", note="đã gọi điện xác nhận")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/flags/")
    assert response.headers["location"] != f"/flags/{flag_id}"
    with Session(review_store.engine) as session:
        state = session.scalars(select(ReviewState)).one()
        entry = session.scalars(select(AuditEntry)).one()
    assert (state.status, state.version, state.decided_by) == ("accepted", 1, "lan")
    assert entry.actor == "lan" and entry.channel == "web"
    assert entry.before == {"status": "open", "version": 0}
    assert entry.after["status"] == "accepted" and entry.note == "đã gọi điện xác nhận"
    assert flag_id not in [f["id"] for f in _open_ids(c)]


def _open_ids(c):
    import re

    return [{"id": int(m)} for m in re.findall(r'data-href="/flags/(\d+)', c.get("/").text)]


@pytest.mark.parametrize(
    ("action", "fields", "expected"),
    [
        ("accept", {}, ("accepted", 5300, 100.0)),
        ("correct", {"value": "5.030", "rate": "97,1"}, ("corrected", 5030, 97.1)),
        ("correct", {"rate": "9,7"}, ("corrected", 5300, 9.7)),
        ("reject", {"confirmed": "1"}, ("rejected", 5300, 100.0)),  # the reading is wrong, figures kept
        ("correct", {"blank_value": "1", "confirmed": "1"}, ("corrected", None, 100.0)),
    ],
)
def test_decisions_reach_export_rows(review_store, action, fields, expected):
    c = signed_in(review_store)
    response = _decide(c, review_store.flag_ids["hp_xss"], action=action, **fields)
    assert response.status_code == 303
    sha = review_store.sha["Hải Phòng"]
    rows = [
        {"province": "Hải Phòng", "indicator": "1c", "value": 5300, "rate": 100.0, "sha256": sha},
        {"province": "Hải Phòng", "indicator": "1a", "value": 51608, "rate": 97.1, "sha256": sha},
    ]
    with Session(review_store.engine) as session:
        out = apply_decisions(session, rows)
    assert (out[0]["status"], out[0]["value"], out[0]["rate"]) == expected
    assert (out[1]["status"], out[1]["value"]) == ("extracted", 51608)


def test_correction_of_a_multi_line_flag_targets_the_chosen_line(review_store):
    c = signed_in(review_store)
    flag_id = review_store.flag_ids["hp_pop"]
    page = c.get(f"/flags/{flag_id}").text
    assert '<select name="indicator">' in page
    assert _decide(c, flag_id, action="correct", indicator="1c", value="53150").status_code == 303
    with Session(review_store.engine) as session:
        decided = effective_values(session)
    assert decided[(review_store.sha["Hải Phòng"], "1c")].value == 53150
    assert (review_store.sha["Hải Phòng"], "1a") not in decided


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"action": "correct"}, "cần nhập số lượng hoặc tỉ lệ"),
        ({"action": "correct", "value": "abc"}, "không đọc được số"),
        ({"action": "correct", "rate": "97.100"}, "tỉ lệ phải trong khoảng 0–100%"),
        ({"action": "correct", "value": "1", "indicator": "9d"}, "không thuộc cảnh báo"),
        ({"action": "delete"}, "quyết định không hợp lệ"),
    ],
)
def test_invalid_decisions_are_explained_and_not_recorded(review_store, fields, message):
    c = signed_in(review_store)
    response = _decide(c, review_store.flag_ids["hp_xss"], note="ghi chú của tôi", **fields)
    assert response.status_code == 400
    assert message in response.text.lower()
    assert "ghi chú của tôi</textarea>" in response.text  # what was typed is kept
    with Session(review_store.engine) as session:
        assert session.scalars(select(AuditEntry)).all() == []


def test_two_reviewers_never_silently_overwrite(review_store):
    lan, minh = signed_in(review_store, "lan"), signed_in(review_store, "minh")
    flag_id = review_store.flag_ids["hp_pop"]
    lan_page, minh_page = lan.get(f"/flags/{flag_id}").text, minh.get(f"/flags/{flag_id}").text
    assert 'name="version" value="0"' in lan_page and 'name="version" value="0"' in minh_page
    first = lan.post(f"/flags/{flag_id}/decide", data={
        "csrf_token": token_of(lan_page), "version": "0", "action": "accept"},
        follow_redirects=False)
    assert first.status_code == 303
    second = minh.post(f"/flags/{flag_id}/decide", data={
        "csrf_token": token_of(minh_page), "version": "0", "action": "reject", "confirmed": "1"},
        follow_redirects=False)
    assert second.status_code == 409
    assert "vừa được người khác xử lý" in second.text
    with Session(review_store.engine) as session:
        state = session.scalars(select(ReviewState)).one()
        assert (state.status, state.decided_by) == ("accepted", "lan")
    # after reloading, minh sees version 1 and may change the decision on purpose
    reloaded = minh.get(f"/flags/{flag_id}").text
    assert 'name="version" value="1"' in reloaded
    third = minh.post(f"/flags/{flag_id}/decide", data={
        "csrf_token": token_of(reloaded), "version": "1", "action": "reject", "confirmed": "1"},
        follow_redirects=False)
    assert third.status_code == 303
    with Session(review_store.engine) as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.actor, e.before["status"], e.after["status"]) for e in entries] == [
        ("lan", "open", "accepted"), ("minh", "accepted", "rejected")]


@pytest.mark.parametrize("statement", ["UPDATE review_audit SET note = 'x'", "DELETE FROM review_audit"])
def test_audit_log_cannot_be_edited(review_store, statement):
    c = signed_in(review_store)
    _decide(c, review_store.flag_ids["hp_fmt"], action="accept")
    with pytest.raises(DatabaseError, match="append-only"), review_store.engine.begin() as conn:
        conn.execute(text(statement))
    with Session(review_store.engine) as session:
        assert len(session.scalars(select(AuditEntry)).all()) == 1


def test_decisions_survive_a_rerun_that_renumbers_flags(review_store):
    """Keyed by fingerprint: a re-run that re-creates the flag with a new id keeps it."""
    from store.schema import Flag

    c = signed_in(review_store)
    old_id = review_store.flag_ids["qn_unf"]
    _decide(c, old_id, action="correct", value="18000", rate="90")
    with Session(review_store.engine) as session, session.begin():
        old = session.get(Flag, old_id)
        clone = Flag(**{col.name: getattr(old, col.name) for col in Flag.__table__.columns
                        if col.name != "id"}, id=old_id + 100)
        session.delete(old)
        session.flush()
        session.add(clone)
        session.flush()
        new_id = clone.id
    assert new_id != old_id
    page = c.get(f"/flags/{new_id}").text
    assert "Đã sửa" in page and 'name="version" value="1"' in page
    with Session(review_store.engine) as session:
        decided = effective_values(session)[(review_store.sha["Quảng Ninh"], "1c")]
    assert (decided.status, decided.value, decided.rate) == ("corrected", 18000, 90)


def test_queue_counts_and_filters(review_store):
    c = signed_in(review_store)
    page = c.get("/").text
    assert "4 cảnh báo" in page
    filtered = c.get("/", params={"province": "Quảng Ninh"}).text
    assert "1 cảnh báo" in filtered and "value_unfilled" in filtered
    by_code = c.get("/", params={"code": "parse_unsure"}).text
    assert "1 cảnh báo" in by_code


def test_flag_page_shows_value_explanation_context_and_siblings(review_store):
    c = signed_in(review_store)
    page = c.get(f"/flags/{review_store.flag_ids['hp_pop']}").text
    assert "51.608" in page and "97,1" in page  # Vietnamese number display
    assert "<mark>51.608</mark>" in page  # the number is highlighted in its line
    assert "Dòng 1c như đã đọc" in page
    assert "number_format_unusual" in page  # another flag of the same report
    assert "<kbd>a</kbd>" in page and "<kbd>j</kbd>" in page  # visible shortcut hint


def test_overview_changes_with_decisions(review_store):
    c = signed_in(review_store)
    before = c.get("/overview").text
    assert "2</span>/34" in before
    assert "Quảng Ninh · 1c" in before and "có cảnh báo chưa xử lý" in before
    _decide(c, review_store.flag_ids["qn_unf"], action="correct", value="18000", rate="90")
    after = c.get("/overview").text
    assert after.count("c-reviewed") > before.count("c-reviewed")
    assert "Quảng Ninh · 1c GV có Internet: đã rà soát" in after


def test_correcting_a_line_the_report_left_out_adds_an_export_row(review_store):
    c = signed_in(review_store)
    sha = review_store.sha["Quảng Ninh"]
    # the "unfilled 1c" flag is answered from the original: 1b is absent from the rows
    from store.schema import Flag

    with Session(review_store.engine) as session, session.begin():
        session.get(Flag, review_store.flag_ids["qn_unf"]).indicator = "1b"
    assert _decide(c, review_store.flag_ids["qn_unf"], action="correct", value="812",
                   rate="100").status_code == 303
    rows = [{"province": "Quảng Ninh", "indicator": code, "value": 1, "rate": 1.0, "sha256": sha,
             "source": "quangninh.txt"} for code in ("1a", "1c")]
    with Session(review_store.engine) as session:
        out = apply_decisions(session, rows)
    assert [(r["indicator"], r["status"], r["value"]) for r in out] == [
        ("1a", "extracted", 1), ("1b", "corrected", 812), ("1c", "extracted", 1)]
    assert out[1]["source"] == "quangninh.txt" and out[1]["province"] == "Quảng Ninh"


def test_store_export_shows_the_decisions_at_once(review_store):
    export = pytest.importorskip("store.export")
    c = signed_in(review_store)
    _decide(c, review_store.flag_ids["hp_pop"], action="correct", indicator="1c",
            value="53150", rate="99,7")
    _decide(c, review_store.flag_ids["hp_fmt"], action="accept")
    with Session(review_store.engine) as session:
        rows = export.export_rows(session)
    by_key = {(r["province"], r["indicator"]): r for r in rows}
    assert (by_key[("Hải Phòng", "1c")]["status"], by_key[("Hải Phòng", "1c")]["value"],
            by_key[("Hải Phòng", "1c")]["rate"]) == ("corrected", 53150, 99.7)
    assert by_key[("Hải Phòng", "2a")]["status"] == "accepted"
    assert by_key[("Hải Phòng", "1a")]["status"] == "extracted"


def test_a_lost_race_on_the_first_decision_is_a_conflict(review_store):
    """Two sessions both saw "undecided"; the second insert must fail, not overwrite."""
    from review.decisions import VersionConflict, decide
    from review.queries import get_flag

    flag_id = review_store.flag_ids["hp_fmt"]
    with Session(review_store.engine) as first:
        key = get_flag(first, flag_id).key
    with Session(review_store.engine) as session, session.begin():
        decide(session, key, "accept", "lan", expected_version=0)
    with Session(review_store.engine) as session, session.begin():
        # simulate the race: this session did not see the committed state when it read
        session.get = lambda *a, **k: None  # type: ignore[method-assign]
        with pytest.raises(VersionConflict):
            decide(session, key, "reject", "minh", expected_version=0)
    with Session(review_store.engine) as session:
        assert session.scalars(select(ReviewState)).one().status == "accepted"
        assert len(session.scalars(select(AuditEntry)).all()) == 1


@pytest.mark.parametrize(
    ("fields", "rejected"),
    [({"lines": "1c"}, {"1c"}), ({"lines": ["1a", "1c"]}, {"1a", "1c"}), ({}, {"1a", "1c"}),
     ({"indicator": "1c"}, {"1c"})],
)
def test_reject_marks_the_chosen_lines_and_keeps_their_values(review_store, fields, rejected):
    c = signed_in(review_store)
    flag_id = review_store.flag_ids["hp_pop"]
    asked = _decide(c, flag_id, action="reject", **fields)
    assert asked.status_code == 200 and "Xác nhận" in asked.text  # a destructive action asks first
    with Session(review_store.engine) as session:
        assert session.scalars(select(AuditEntry)).all() == []
    assert _decide(c, flag_id, action="reject", confirmed="1", **fields).status_code == 303
    sha = review_store.sha["Hải Phòng"]
    rows = [{"indicator": code, "value": 7, "rate": 1.0, "sha256": sha} for code in ("1a", "1c")]
    with Session(review_store.engine) as session:
        out = apply_decisions(session, rows)
        entry = session.scalars(select(AuditEntry)).one()
    assert {r["indicator"] for r in out if r["status"] == "rejected"} == rejected
    assert [r["value"] for r in out] == [7, 7]  # never silently blanked
    assert set(entry.after["indicators"]) == rejected  # the decision names its lines


def test_correction_defaults_to_the_line_the_rule_suspects(review_store):
    from review.decisions import decide
    from review.queries import get_flag
    from store.schema import Flag

    with Session(review_store.engine) as session, session.begin():
        session.get(Flag, review_store.flag_ids["hp_pop"]).evidence = {"suspect": "1c"}
    page = signed_in(review_store).get(f"/flags/{review_store.flag_ids['hp_pop']}").text
    assert '<option value="1c" selected>' in page and "(nghi sai)" in page
    with Session(review_store.engine) as session, session.begin():
        state = decide(session, get_flag(session, review_store.flag_ids["hp_pop"]).key,
                       "correct", "lan", value=5030)
        assert state.indicator == "1c"


def test_citation_flag_shows_each_mention_with_number_and_dates_marked(review_store):
    from store.schema import Citation, Flag

    with Session(review_store.engine) as session, session.begin():
        document_id = session.get(Flag, review_store.flag_ids["hp_pop"]).document_id
        for position, (date, location) in enumerate(
            [("30/12/2022", {"part": "body", "paragraph": 12}),
             ("31/12/2022", {"part": "footnote", "paragraph": 2})]
        ):
            session.add(Citation(
                document_id=document_id, position=position, citation_id="4725/QĐ-BGDĐT",
                type="Quyết định", number="4725", symbol="QĐ-BGDĐT", year=2022,
                date=None, raw=f"Quyết định số 4725/QĐ-BGDĐT ngày {date}", location=location))
        flag = Flag(fingerprint="c" * 64, document_id=document_id, province="Hải Phòng",
                    code="citation_date_conflict", severity="error",
                    message="Văn bản 4725/QĐ-BGDĐT được trích dẫn với các ngày khác nhau",
                    citation="4725/QĐ-BGDĐT",
                    evidence={"dates": {"2022-12-30": [], "2022-12-31": []}})
        session.add(flag)
        session.flush()
        flag_id = flag.id
    page = signed_in(review_store).get(f"/flags/{flag_id}").text
    assert page.count("<mark>4725/QĐ-BGDĐT</mark>") == 2
    assert "<mark>31/12/2022</mark>" in page and "<mark>30/12/2022</mark>" in page
    assert "chú thích, đoạn 3" in page
    assert 'id="correct-value"' not in page  # nothing to correct on a citation flag


@pytest.mark.parametrize("change", ["password", "disable"])
def test_password_reset_or_disabling_ends_existing_sessions(review_store, change):
    from review import auth

    c = signed_in(review_store)
    assert c.get("/", follow_redirects=False).status_code == 200
    with Session(review_store.engine) as session, session.begin():
        if change == "password":
            auth.add_user(session, "lan", "mot-mat-khau-moi-9")
        else:
            auth.disable_user(session, "lan")
    response = c.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_cross_site_origin_is_refused_even_with_a_token(review_store):
    c = signed_in(review_store)
    flag_id = review_store.flag_ids["hp_pop"]
    token = token_of(c.get(f"/flags/{flag_id}").text)
    response = c.post(f"/flags/{flag_id}/decide", headers={"origin": "https://evil.example"},
                      data={"csrf_token": token, "version": "0", "action": "accept"})
    assert response.status_code == 403



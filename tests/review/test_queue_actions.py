"""Clearing the queue quickly over HTTP: undo, bulk accept of a filtered set, explicit blanking."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from review.queries import list_flags
from store.decisions import apply_decisions, effective_values
from store.review_tables import AuditEntry, ReviewState
from tests.review.helpers import signed_in, token_of


def _decide(c, flag_id: int, **data):
    page = c.get(f"/flags/{flag_id}")
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    form = {"csrf_token": token_of(page.text), "version": version, **data}
    return c.post(f"/flags/{flag_id}/decide", data=form, follow_redirects=False)


def _undo(c):
    return c.post("/undo", data={"csrf_token": token_of(c.get("/").text)}, follow_redirects=False)


def _open(fx) -> set[int]:
    with Session(fx.engine) as session:
        return {f.id for f in list_flags(session, status="open")}


def _rows(fx):
    sha = fx.sha["Hải Phòng"]
    rows = [{"indicator": code, "value": 5300, "rate": 100.0, "sha256": sha} for code in ("1a", "1c")]
    with Session(fx.engine) as session:
        return [(r["status"], r["value"], r["rate"]) for r in apply_decisions(session, rows)]


def test_undo_restores_the_previous_state_and_the_log_keeps_both(review_store):
    c = signed_in(review_store)
    flag_id = review_store.flag_ids["hp_pop"]
    assert _decide(c, flag_id, action="accept").status_code == 303
    assert _decide(c, flag_id, action="correct", indicator="1c", value="5.030").status_code == 303
    assert _rows(review_store)[1] == ("corrected", 5030, 100.0)
    response = _undo(c)
    assert response.status_code == 303 and response.headers["location"] == f"/flags/{flag_id}"
    assert _rows(review_store) == [("accepted", 5300, 100.0), ("accepted", 5300, 100.0)]
    response = _undo(c)  # the accept before it is no longer the flag's latest decision
    assert response.status_code == 409
    with Session(review_store.engine) as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.before["status"], e.after["status"]) for e in entries] == [
        ("open", "accepted"), ("accepted", "corrected"), ("corrected", "accepted")]
    assert entries[2].after["undo_of"] == entries[1].id


def test_undo_of_a_first_decision_reopens_the_flag_and_steps_back_through_flags(review_store):
    c = signed_in(review_store)
    first, second = review_store.flag_ids["hp_fmt"], review_store.flag_ids["qn_unf"]
    _decide(c, first, action="accept")
    _decide(c, second, action="reject", confirmed="1")
    assert {first, second}.isdisjoint(_open(review_store))
    assert _undo(c).headers["location"] == f"/flags/{second}"
    assert _undo(c).headers["location"] == f"/flags/{first}"
    assert {first, second} <= _open(review_store)
    with Session(review_store.engine) as session:
        assert effective_values(session) == {}
        assert {s.status for s in session.scalars(select(ReviewState))} == {"open"}
    page = c.get(f"/flags/{first}").text
    assert 'name="version" value="2"' in page and "Hiện tại:" not in page
    assert _decide(c, first, action="accept").status_code == 303  # decidable again


def test_undo_never_takes_back_someone_elses_later_decision(review_store):
    lan, minh = signed_in(review_store, "lan"), signed_in(review_store, "minh")
    flag_id = review_store.flag_ids["hp_fmt"]
    _decide(lan, flag_id, action="accept")
    _decide(minh, flag_id, action="correct", value="1", indicator="2a")
    assert _undo(lan).status_code == 409
    with Session(review_store.engine) as session:
        assert session.get(ReviewState, session.scalars(select(ReviewState.fingerprint)).one()).status == "corrected"


def test_bulk_accept_confirms_the_count_and_clears_exactly_the_filtered_flags(review_store):
    c = signed_in(review_store)
    queue = c.get("/?province=Hải Phòng&severity=warning").text
    assert 'id="bulk-accept"' in queue and "Chấp nhận tất cả 1 cảnh báo đang lọc" in queue
    assert 'id="bulk-accept"' not in c.get("/").text  # never offered on the unfiltered queue
    before = _open(review_store)
    confirm = c.get("/bulk-accept?province=Hải Phòng&severity=warning")
    assert confirm.status_code == 200 and '<span id="bulk-count">1</span>' in confirm.text
    assert _open(review_store) == before  # the confirmation writes nothing
    seen = re.search(r'name="seen" value="([^"]*)"', confirm.text).group(1)
    done = c.post("/bulk-accept?province=Hải Phòng&severity=warning",
                  data={"csrf_token": token_of(confirm.text), "seen": seen})
    assert done.status_code == 200 and '<span id="bulk-accepted">1</span>' in done.text
    assert before - _open(review_store) == {review_store.flag_ids["hp_pop"]}


def test_bulk_accept_skips_a_flag_decided_meanwhile_and_needs_a_filter(review_store):
    c = signed_in(review_store)
    confirm = c.get("/bulk-accept?province=Hải Phòng").text
    seen = re.search(r'name="seen" value="([^"]*)"', confirm).group(1)
    assert len(seen.split(",")) == 3
    _decide(signed_in(review_store, "minh"), review_store.flag_ids["hp_xss"], action="reject", confirmed="1")
    done = c.post("/bulk-accept?province=Hải Phòng", data={"csrf_token": token_of(confirm), "seen": seen})
    assert '<span id="bulk-accepted">2</span>' in done.text and "1 cảnh báo được bỏ qua" in done.text
    with Session(review_store.engine) as session:
        state = session.scalars(select(ReviewState).where(ReviewState.status == "rejected")).one()
    assert state.decided_by == "minh"  # not overwritten by the bulk accept
    assert c.get("/bulk-accept").status_code == 400


@pytest.mark.parametrize(("fields", "row"), [
    ({"blank_value": "1"}, ("corrected", None, 100.0)),
    ({"blank_rate": "1", "value": "5.031"}, ("corrected", 5031, None)),
    ({"blank_value": "1", "blank_rate": "1"}, ("corrected", None, None)),
])
def test_blanking_is_an_explicit_confirmed_correction(review_store, fields, row):
    c = signed_in(review_store)
    flag_id = review_store.flag_ids["hp_xss"]
    asked = _decide(c, flag_id, action="correct", **fields)
    assert asked.status_code == 200 and "Để TRỐNG" in asked.text
    assert _rows(review_store)[1] == ("extracted", 5300, 100.0)
    assert _decide(c, flag_id, action="correct", confirmed="1", **fields).status_code == 303
    assert _rows(review_store)[1] == row


def test_blank_and_a_new_figure_together_are_refused(review_store):
    c = signed_in(review_store)
    response = _decide(c, review_store.flag_ids["hp_xss"], action="correct", value="3", blank_value="1",
                       confirmed="1")
    assert response.status_code == 400 and "để trống số lượng thì không nhập" in response.text


def test_a_rejected_reading_stays_in_the_workbook_marked_and_a_blank_is_empty(review_store, tmp_path):
    from openpyxl import load_workbook

    from gazetteer.indicators import template_codes
    from outputs.workbook import APPENDIX, FIRST_DATA_COLUMN, HEADER_ROWS, write_export

    c = signed_in(review_store)
    _decide(c, review_store.flag_ids["hp_xss"], action="reject", confirmed="1")  # line 1c: 5.300
    _decide(c, review_store.flag_ids["hp_fmt"], action="correct", blank_rate="1", confirmed="1")  # 2a: 81,9 %
    write_export(review_store.engine, tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx")[APPENDIX]
    column = next(col for col in range(FIRST_DATA_COLUMN, sheet.max_column + 1) if sheet.cell(2, col).value == "Hải Phòng")
    row_of = {code: HEADER_ROWS + 1 + i for i, code in enumerate(template_codes())}
    rejected = sheet.cell(row_of["1c"], column)
    assert rejected.value == 5300 and "bị bác khi rà soát" in rejected.comment.text
    assert sheet.cell(row_of["2a"], column).value == 69511
    assert sheet.cell(row_of["2a"], column + 1).value is None  # the rate blanked, on purpose

"""`baocao review …` and `baocao users …` through the real argparse entry point."""

from __future__ import annotations

import io
import json
import warnings

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from baocao.cli import main
from review.auth import authenticate
from store.decisions import effective_values
from store.review_tables import AuditEntry


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_gives_one_object_per_open_flag(review_store, capsys):
    code, out, _ = run(capsys, "review", "list", "--json", "--store", str(review_store.store))
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert len(objects) == 4
    assert {"id", "province", "indicator", "code", "message"} <= set(objects[0])
    assert {o["province"] for o in objects} == {"Hải Phòng", "Quảng Ninh"}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["accept", "--note", "đúng"], ("accepted", 5300, 100.0)),
        (["reject"], ("rejected", None, None)),
        (["correct", "--value", "5.030", "--rate", "97,1"], ("corrected", 5030, 97.1)),
    ],
)
def test_decisions_from_the_shell_share_the_audit_log(review_store, capsys, argv, expected):
    flag_id = review_store.flag_ids["hp_xss"]
    store = str(review_store.store)
    code, out, _ = run(capsys, "review", argv[0], str(flag_id), *argv[1:], "--as", "lan",
                       "--store", store)
    assert code == 0 and f"#{flag_id}" in out
    with Session(review_store.engine) as session:
        entry = session.scalars(select(AuditEntry)).one()
        decided = effective_values(session)[(review_store.sha["Hải Phòng"], "1c")]
    assert (entry.actor, entry.channel, entry.after["status"]) == ("lan", "cli", expected[0])
    if expected[0] == "corrected":
        assert (decided.value, decided.rate) == expected[1:]
    _, out, _ = run(capsys, "review", "list", "--json", "--store", store)
    assert flag_id not in [json.loads(line)["id"] for line in out.splitlines()]


def test_show_prints_the_flag_and_its_history(review_store, capsys):
    flag_id = review_store.flag_ids["hp_pop"]
    store = str(review_store.store)
    run(capsys, "review", "accept", str(flag_id), "--as", "minh", "--store", store)
    code, out, _ = run(capsys, "review", "show", str(flag_id), "--json", "--store", store)
    shown = json.loads(out)
    assert code == 0 and shown["status"] == "accepted" and shown["history"][0]["actor"] == "minh"
    code, out, _ = run(capsys, "review", "show", str(flag_id), "--store", store)
    assert "population_inconsistent" in out and "minh (cli)" in out


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["show", "999"], 1),
        (["accept", "999", "--as", "lan"], 1),
        (["correct", "1", "--as", "lan"], 2),  # nothing to correct with
        (["accept", "1", "--as", "lan", "--expect-version", "5"], 3),  # stale
    ],
)
def test_cli_errors_have_distinct_exit_codes(review_store, capsys, argv, code):
    assert run(capsys, "review", *argv, "--store", str(review_store.store))[0] == code


def test_users_add_reads_the_password_from_stdin(review_store, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("một-mật-khẩu-dài\n"))
    code, _, err = run(capsys, "users", "add", "hoa", "--store", str(review_store.store))
    assert code == 0 and "hoa" in err
    with Session(review_store.engine) as session:
        assert authenticate(session, "hoa", "một-mật-khẩu-dài") is not None
        assert authenticate(session, "hoa", "sai") is None


def test_users_add_refuses_a_short_password(review_store, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("ngan\n"))
    code, _, err = run(capsys, "users", "add", "hoa", "--store", str(review_store.store))
    assert code == 2 and "ít nhất" in err


def test_bare_review_serves_the_app_on_localhost(review_store, capsys, monkeypatch):
    served = {}

    def fake_run(app, host, port, **options):
        served.update(app=app, host=host, port=port, **options)

    monkeypatch.setattr("uvicorn.run", fake_run)
    code, _, err = run(capsys, "review", "--store", str(review_store.store), "--port", "8801")
    assert code == 0 and (served["host"], served["port"]) == ("127.0.0.1", 8801)
    assert "http://127.0.0.1:8801/" in err
    assert (review_store.store / "review-secret.key").stat().st_mode & 0o077 == 0
    assert served["proxy_headers"] is False  # X-Forwarded-* trusted from nobody by default


@pytest.mark.parametrize(("argv", "env", "https", "proxy"), [
    (["--https"], {}, True, None),
    (["--proxy", "10.0.0.5"], {}, False, "10.0.0.5"),
    ([], {"BAOCAO_REVIEW_HTTPS": "1", "BAOCAO_REVIEW_PROXY": "127.0.0.1"}, True, "127.0.0.1"),
])
def test_https_and_trusted_proxy_settings_reach_the_server(review_store, capsys, monkeypatch, argv, env,
                                                          https, proxy):
    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.update(app=app, **options))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert run(capsys, "review", "--store", str(review_store.store), *argv)[0] == 0
    assert (served["proxy_headers"], served["forwarded_allow_ips"]) == (proxy is not None, proxy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        cookie = TestClient(served["app"]).get("/login").headers["set-cookie"].lower()
    assert ("; secure" in cookie) is https


def _open_ids(capsys, store: str) -> set[int]:
    _, out, _ = run(capsys, "review", "list", "--json", "--store", store)
    return {json.loads(line)["id"] for line in out.splitlines()}


def test_bulk_accept_from_the_shell_lists_first_then_accepts_exactly_the_filtered_set(review_store, capsys):
    store = str(review_store.store)
    before = _open_ids(capsys, store)
    code, out, err = run(capsys, "review", "accept", "--filter", "province=Hải Phòng", "--filter",
                         "severity=warning", "--as", "lan", "--store", store)
    assert code == 0 and "1 cảnh báo chưa xử lý khớp" in err and "--yes" in err
    assert _open_ids(capsys, store) == before  # listing writes nothing
    code, out, _ = run(capsys, "review", "accept", "--filter", "province=Hải Phòng", "--filter",
                       "severity=warning", "--as", "lan", "--yes", "--store", store)
    assert code == 0 and "Đã chấp nhận 1 cảnh báo" in out
    assert before - _open_ids(capsys, store) == {review_store.flag_ids["hp_pop"]}


@pytest.mark.parametrize("argv", [["--filter", "colour=red"], ["--filter", "severity"], []])
def test_bulk_accept_refuses_a_bad_or_missing_filter(review_store, capsys, argv):
    code, _, err = run(capsys, "review", "accept", *argv, "--as", "lan", "--yes", "--store",
                       str(review_store.store))
    assert code == 2 and "baocao:" in err


def test_undo_from_the_shell_restores_the_previous_state(review_store, capsys):
    store = str(review_store.store)
    flag_id = review_store.flag_ids["hp_xss"]
    run(capsys, "review", "correct", str(flag_id), "--blank-value", "--as", "lan", "--store", store)
    with Session(review_store.engine) as session:
        decided = effective_values(session)[(review_store.sha["Hải Phòng"], "1c")]
    assert decided.corrected_value and decided.value is None  # blanking is an explicit correction
    code, out, _ = run(capsys, "review", "undo", "--as", "lan", "--store", store)
    assert code == 0 and f"#{flag_id}" in out
    assert flag_id in _open_ids(capsys, store)
    with Session(review_store.engine) as session:
        assert (review_store.sha["Hải Phòng"], "1c") not in effective_values(session)
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [e.after["status"] for e in entries] == ["corrected", "open"]  # the log keeps both
    assert run(capsys, "review", "undo", "--as", "lan", "--store", store)[0] == 1  # nothing left


def test_reject_from_the_shell_names_its_lines_and_keeps_the_figures(review_store, capsys):
    store = str(review_store.store)
    flag_id = review_store.flag_ids["hp_pop"]
    assert run(capsys, "review", "reject", str(flag_id), "--lines", "1c", "--as", "lan", "--store", store)[0] == 0
    _, out, _ = run(capsys, "review", "show", str(flag_id), "--json", "--store", store)
    decision = json.loads(out)["decision"]
    assert (decision["status"], decision["lines"], decision["value"]) == ("rejected", ["1c"], None)
    with Session(review_store.engine) as session:
        decided = effective_values(session)
    assert set(decided) == {(review_store.sha["Hải Phòng"], "1c")}  # 1a is left undecided
    assert run(capsys, "review", "reject", str(flag_id), "--lines", "9z", "--as", "lan", "--store", store)[0] == 2

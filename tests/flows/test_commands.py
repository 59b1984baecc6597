"""`baocao run/status/export` as a user calls them: JSON contracts and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from baocao.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_run_json_last_line_status_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "hp.txt").write_bytes((ROOT / "samples" / "seeds" / "001_haiphong_report.txt").read_bytes())
    (inbox / "copy.txt").write_bytes((inbox / "hp.txt").read_bytes())
    (inbox / "note.rar").write_bytes(b"Rar!\x1a\x07\x00")
    store = tmp_path / "store"
    assert main(["run", str(inbox), "--store", str(store), "--no-prefect", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {k: summary[k] for k in ("new", "processed", "duplicate", "unsupported", "failed")} == {
        "new": 2, "processed": 1, "duplicate": 1, "unsupported": 1, "failed": 0}  # fmt: skip

    assert main(["status", "--store", str(store), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["path"]: line["fate"] for line in lines} == {
        "copy.txt": "processed", "hp.txt": "duplicate", "note.rar": "unsupported"}  # fmt: skip
    assert all(set(line) >= {"path", "sha256", "fate", "reason"} for line in lines)

    out = tmp_path / "out.xlsx"
    assert main(["export", "--store", str(store), "--out", str(out)]) == 0
    assert out.exists()


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["run", "/nonexistent/inbox", "--no-prefect"], "không tìm thấy thư mục"),
        (["status", "--store", "/nonexistent/store"], "chưa có kho dữ liệu"),
        (["export", "--store", "/nonexistent/store", "--out", "x.csv"], "chưa có kho dữ liệu"),
    ],
)
def test_errors_are_vietnamese_one_liners(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert needle in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_export_rejects_unknown_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert main(["run", str(inbox), "--store", str(tmp_path / "s"), "--no-prefect", "--json"]) == 0
    capsys.readouterr()
    assert main(["export", "--store", str(tmp_path / "s"), "--out", str(tmp_path / "x.ods")]) == 2
    assert "chọn .csv, .parquet hoặc .xlsx" in capsys.readouterr().err


@pytest.mark.slow  # a whole run through the CLI
def test_store_defaults_to_env(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("xin chào")
    env_store = tmp_path / "env-store"
    done = subprocess.run(
        [sys.executable, "-m", "baocao", "run", str(inbox), "--no-prefect", "--json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "BAOCAO_STORE": str(env_store)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["not_a_report"] == 1
    assert (env_store / "baocao.db").exists()


def _env_without_prefect_server(tmp_path: Path) -> dict[str, str]:
    env = {**__import__("os").environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_PROFILE", None)
    return env


@pytest.mark.slow
def test_run_without_a_prefect_server_runs_the_flow_code_directly(mailbox_dir: Path, tmp_path: Path) -> None:
    """No PREFECT_API_URL: announced, no temporary server (no Prefect database), same records."""
    env = _env_without_prefect_server(tmp_path)
    store = tmp_path / "store"
    command = [sys.executable, "-m", "baocao", "run", str(mailbox_dir), "--store", str(store)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "không có máy chủ Prefect" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "prefect-home" / "prefect.db").exists()  # no ephemeral server ran
    workbook = store / "bao-cao-131.xlsx"
    assert "Đã xem 13 đầu vào mới" in done.stdout and f"Bảng tổng hợp Excel: {workbook}" in done.stdout
    assert "{" not in done.stdout  # a human summary, not JSON
    from openpyxl import load_workbook

    assert "Phụ lục 2" in load_workbook(workbook, read_only=True).sheetnames
    with __import__("sqlite3").connect(store / "baocao.db") as db:
        assert db.execute("select engine, status from runs").fetchall() == [("prefect-local", "finished")]
        fates = dict(db.execute("select fate, count(*) from inputs where kind != 'message' group by fate"))
    assert fates.get("processed", 0) >= 8

    stamp = workbook.stat().st_mtime_ns
    again = subprocess.run([*command, "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    summary = json.loads(again.stdout.strip().splitlines()[-1])
    assert summary["new"] == 0 and summary["export"] == str(workbook)
    assert workbook.stat().st_mtime_ns == stamp  # nothing new: the workbook is not rewritten


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ([], "cần một máy chủ Prefect"),
        (["--cron", "61 * * * *"], "lịch cron không hợp lệ"),
        (["--timezone", "Asia/Hanoi_Nowhere"], "múi giờ không hợp lệ"),
    ],
)
def test_serve_refuses_what_would_never_fire(tmp_path: Path, extra: list[str], needle: str,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    for name, value in _env_without_prefect_server(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert main(["serve", str(tmp_path), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1


def test_prefect_api_url_is_read_from_the_active_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.commands import prefect_api_url

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    assert prefect_api_url() is None
    (tmp_path / "profiles.toml").write_text(
        'active = "local"\n[profiles.local]\nPREFECT_API_URL = "http://127.0.0.1:4200/api"\n[profiles.ephemeral]\n'
    )
    assert prefect_api_url() == "http://127.0.0.1:4200/api"
    monkeypatch.setenv("PREFECT_PROFILE", "ephemeral")
    assert prefect_api_url() is None

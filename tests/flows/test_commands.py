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

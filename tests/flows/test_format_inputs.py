"""`baocao run` reads the formats of issue 9 as a user's mailbox export holds them: Word/Excel
97-2003, RTF (LibreOffice in the sandbox child), TCVN3 text, and an e-mail whose body is the
report (an HTML table preferred over the plain copy that lost the rows)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from baocao.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "reports"
INPUTS = {  # sample → the province its gold names
    "fmt_danang_doc.doc": "Đà Nẵng",
    "fmt_laocai_xls.xls": "Lào Cai",
    "fmt_dongnai_rtf.rtf": "Đồng Nai",
    "fmt_caobang_tcvn3.doc": "Cao Bằng",
    "fmt_hanoi_email.eml": "Hà Nội",
    "fmt_ninhbinh_email.eml": "Ninh Bình",
}


@pytest.fixture(scope="module")
def run_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("formats")
    inbox = root / "inbox"
    inbox.mkdir()
    for name in INPUTS:
        shutil.copy(SAMPLES / name, inbox / name)
    return root / "store", inbox


@pytest.mark.slow
def test_run_reads_legacy_formats_and_mail_bodies(run_store, capsys: pytest.CaptureFixture[str]) -> None:
    store, inbox = run_store
    assert main(["run", str(inbox), "--store", str(store), "--no-prefect", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["failed"] == 0 and summary["unsupported"] == 0, summary
    assert sorted(summary["provinces"]) == sorted(INPUTS.values())
    assert main(["status", "--store", str(store), "--json"]) == 0
    fates = {row["path"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    for name in INPUTS:
        if name.endswith(".eml"):  # the message is opened; its body is the report
            body = next(row for path, row in fates.items() if path.startswith(name) and "nội dung thư" in path)
            assert body["fate"] == "processed", body
        else:
            assert fates[name]["fate"] == "processed", fates[name]

"""`baocao run` on a mailbox holding documents that are not reports: each ends not_a_report
with its reason, and `baocao export` shows nothing from them (only the real report's province)."""

from __future__ import annotations

import csv
import json
import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.cli import load_script, run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_run_records_not_a_report_and_export_has_none_of_them(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    decoys = load_script("build_not_reports").build(tmp_path / "built")
    register = next(d for d in decoys if d.suffix == ".xlsx")
    (inbox / "khac").mkdir(parents=True)
    for decoy in decoys:
        if decoy is not register:
            shutil.copyfile(decoy, inbox / "khac" / decoy.name)
    _mail_with(inbox / "so-tu-phap.eml", register)  # the register arrives as a mail attachment
    shutil.copyfile(ROOT / "samples" / "reports" / "haiphong_report.docx", inbox / "bao-cao-hai-phong.docx")
    store = tmp_path / "store"

    summary = json.loads(run_cli("run", str(inbox), "--store", str(store), "--json", "--no-prefect")[-1])
    assert summary["processed"] == 1 and summary["provinces"] == {"Hải Phòng": 1}

    rows = {r["path"].split(" › ")[-1]: r for r in map(json.loads, run_cli("status", "--store", str(store), "--json"))}
    for decoy in decoys:
        row = rows[f"khac/{decoy.name}"] if decoy is not register else rows[decoy.name]
        assert row["fate"] == "not_a_report" and row["reason"], row

    out = tmp_path / "export.csv"
    run_cli("export", "--store", str(store), "--out", str(out))
    with out.open(encoding="utf-8-sig") as fh:
        provinces = {row["province"] for row in csv.DictReader(fh)}
    assert provinces == {"Hải Phòng"}  # not An Giang (register), Ninh Bình (enrolment), Quảng Ngãi (Kon Tum plan)


def _mail_with(path: Path, attachment: Path) -> None:
    message = EmailMessage()
    message["From"] = "Sở Tư pháp An Giang <stp@angiang.gov.vn>"
    message["To"] = "baocao131@moet.gov.vn"
    message["Subject"] = "Danh mục văn bản QPPL năm 2025"
    message["Date"] = "Mon, 10 Nov 2025 08:00:00 +0700"
    message.set_content("Sở Tư pháp gửi danh mục văn bản để phối hợp theo dõi.")
    message.add_attachment(attachment.read_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=attachment.name)
    path.write_bytes(message.as_bytes())

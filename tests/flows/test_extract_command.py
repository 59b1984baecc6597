"""`baocao extract` over containers and broken files, run as a user runs it (a subprocess)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.cli import load_script
from tests.flows.treemem import MIB, run_measured

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "samples" / "reports" / "haiphong_report.docx"
SHEET = ROOT / "samples" / "reports" / "tuyenquang_appendix.xlsx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _extract(path: Path) -> tuple[int, list[dict], str]:
    done = subprocess.run([sys.executable, "-m", "baocao", "extract", str(path)],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()], done.stderr


def _mail(attachments: list[tuple[str, bytes, str]]) -> bytes:
    message = EmailMessage()
    message["From"] = "Sở GDĐT <sogd@haiphong.edu.vn>"
    message["To"] = "bo@moet.gov.vn"
    message["Subject"] = "Báo cáo 131"
    message["Date"] = "Thu, 06 Nov 2025 08:00:00 +0700"
    message.set_content("Kính gửi Bộ, gửi kèm báo cáo.")
    for name, data, mime in attachments:
        main, sub = mime.split("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return message.as_bytes()


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.slow
def test_containers_give_one_line_per_report_and_errors_name_the_part(tmp_path: Path) -> None:
    folder = tmp_path / "hop-thu"
    folder.mkdir()
    inner_zip = _zip([("Báo cáo Tuyên Quang.xlsx", SHEET.read_bytes()), ("hong.pdf", b"%PDF-1.4 cut")])
    (folder / "thu.eml").write_bytes(_mail([
        ("bao-cao.docx", REPORT.read_bytes(), DOCX),
        ("kem-theo.zip", inner_zip, "application/zip"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
    ]))  # fmt: skip
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")

    code, lines, stderr = _extract(folder)

    assert code == 1, stderr  # a part could not be read; the others were still done
    assert "Traceback" not in stderr
    reports = {line["source"]["path"]: line for line in lines if "source" in line and "error" not in line
               and "skipped" not in line}  # fmt: skip
    mail = str(folder / "thu.eml")
    assert f"{mail} › bao-cao.docx" in reports
    assert reports[f"{mail} › bao-cao.docx"]["province"] == "Hải Phòng"
    assert f"{mail} › kem-theo.zip › Báo cáo Tuyên Quang.xlsx" in reports
    errors = {line["source"]: line["error"] for line in lines if "error" in line}
    assert f"{mail} › kem-theo.zip › hong.pdf" in errors
    assert str(folder / "hong.docx") in errors
    assert all(reason for reason in errors.values())
    skipped = [line for line in lines if "skipped" in line]
    assert [line["source"] for line in skipped] == [f"{mail} › logo.png"]


@pytest.mark.slow
def test_a_single_eml_and_a_bomb_docx(tmp_path: Path) -> None:
    mail = tmp_path / "thu.eml"
    mail.write_bytes(_mail([("bao-cao.docx", REPORT.read_bytes(), DOCX)]))
    code, lines, stderr = _extract(mail)
    assert code == 0, stderr
    assert [line["source"]["path"] for line in lines] == [f"{mail} › bao-cao.docx"]

    bomb = tmp_path / "bom.docx"  # 1 MB whose headers say 2 KB for 1 GB of XML
    bomb.write_bytes(load_script("build_hostile").understated_docx(1024 << 20))
    done, peak = run_measured([sys.executable, "-m", "baocao", "extract", str(bomb)], timeout=600)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert lines == [{"source": str(bomb), "locator": str(bomb), "error": lines[0]["error"]}]
    assert "bị từ chối" in lines[0]["error"]
    assert peak.rss < 1024 * MIB, peak.largest  # was 2.05 GiB when extract parsed in its own process


def test_a_missing_path_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "baocao", "extract", str(tmp_path / "khong-co")],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 2
    assert "không tìm thấy" in done.stderr


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"PK\x03\x04", "pipeline"),  # a Word file, a workbook or a zip: the pipeline first
        ("BÁO CÁO".encode(), "pipeline"),
        (b"", "pdf"),  # nothing to go by: the default
        (None, "pdf"),  # a folder
    ],
)
def test_the_child_prepares_for_the_file_it_will_get(tmp_path: Path, head: bytes | None, expected: str) -> None:
    from flows.extract import IDLE_IMPORTS, IDLE_IMPORTS_NOT_PDF, idle_imports_for

    path = tmp_path / "input"
    if head is None:
        path.mkdir()
    else:
        path.write_bytes(head)
    assert idle_imports_for(str(path)) == {"pdf": IDLE_IMPORTS, "pipeline": IDLE_IMPORTS_NOT_PDF}[expected]

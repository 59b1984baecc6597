"""Legacy and OpenDocument files are converted by LibreOffice, then read like .docx/.xlsx."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractors.appendix import read_appendix
from readers import UnreadableDocument, read_document
from readers.legacy import ConversionError, convert

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "reports"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")]


def _save_as(source: Path, fmt: str, outdir: Path) -> Path:
    profile = outdir / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    return outdir / f"{source.stem}.{fmt}"


def _figures(document) -> list[tuple]:
    return [(v.code, v.value, v.rate) for v in read_appendix(document)]


@pytest.mark.parametrize(("sample", "fmt"), [("haiphong_report.docx", "doc"), ("haiphong_report.docx", "odt"),
                                             ("tuyenquang_appendix.xlsx", "xls")])  # fmt: skip
def test_converted_file_gives_the_same_figures(tmp_path, sample: str, fmt: str) -> None:
    legacy = _save_as(SAMPLES / sample, fmt, tmp_path)
    document = read_document(legacy)
    assert document.source.converted_from == f".{fmt}"
    assert document.source.to_dict()["converted_from"] == f".{fmt}"
    expected = _figures(read_document(SAMPLES / sample))
    assert expected and _figures(document) == expected


def test_garbage_doc_gives_a_reason(tmp_path) -> None:
    path = tmp_path / "hong.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    with pytest.raises(UnreadableDocument):
        read_document(path)


def test_hung_conversion_is_killed(tmp_path, monkeypatch) -> None:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    path = tmp_path / "a.doc"
    path.write_bytes(b"x")
    with pytest.raises(ConversionError, match="quá"):
        convert(path, tmp_path, timeout=1)

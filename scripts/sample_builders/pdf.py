"""PDF renderings through LibreOffice, with pinned metadata so a rebuild does not churn git."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

# ---------------------------------------------------------------------------
# PDF conversion (LibreOffice)
# ---------------------------------------------------------------------------


def convert_to_pdf(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """Convert DOCX files to PDF with one headless LibreOffice run (start-up dominates)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to build the PDF samples")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, docx_paths),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    pdfs = [out_dir / (p.stem + ".pdf") for p in docx_paths]
    for pdf in pdfs:
        pin_pdf_metadata(pdf)
    return pdfs


def pin_pdf_metadata(path: Path) -> None:
    """Same-length rewrite of creation date and document ID (xref offsets stay valid)."""
    data = path.read_bytes()
    data = re.sub(
        rb"/CreationDate\(D:[^)]*\)", lambda m: _same_len(m.group(0), b"/CreationDate(D:20251114080000"), data
    )
    data = re.sub(
        rb"/ID \[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]",
        lambda m: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)", b"0", m.group(0)),
        data,
    )
    data = re.sub(
        rb"/DocChecksum /[0-9A-Fa-f]+", lambda m: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*$)", b"0", m.group(0)), data
    )
    path.write_bytes(data)


def _same_len(original: bytes, prefix: bytes) -> bytes:
    body = original[: len(original) - 1]
    pinned = prefix[: len(body)] + body[len(prefix) :]
    return pinned + b")"



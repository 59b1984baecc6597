"""Word/Excel 97-2003, RTF and OpenDocument files: converted by LibreOffice headless first.

Why a fresh profile per call: one LibreOffice user installation cannot be used by two
processes at once (a second ``soffice`` hands its arguments to the first, or fails on the
profile lock), so parallel sandbox children would collide.  A hung conversion is killed
with its whole process group (``soffice`` starts ``soffice.bin`` as a child).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from baocao import settings

TARGETS = {".doc": "docx", ".rtf": "docx", ".odt": "docx", ".xls": "xlsx", ".ods": "xlsx"}


class ConversionError(Exception):
    """LibreOffice could not convert the file; the message is Vietnamese for users."""


@dataclass(frozen=True)
class Converted:
    path: Path
    target: str
    seconds: float


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, workdir: Path, timeout: float | None = None) -> Converted:
    """Convert ``path`` to .docx/.xlsx inside ``workdir``; raises :class:`ConversionError`."""
    if timeout is None:
        timeout = settings.load().soffice_timeout_s
    target = TARGETS[path.suffix.lower()]
    binary = soffice_binary()
    if binary is None:
        raise ConversionError("không có LibreOffice để chuyển đổi định dạng cũ")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=workdir))
    outdir = workdir / "out"
    outdir.mkdir(exist_ok=True)
    command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", target, "--outdir", str(outdir), str(path)]  # fmt: skip
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)  # fmt: skip
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ConversionError(f"LibreOffice chuyển đổi quá {timeout:.0f} giây, đã dừng") from None
    finally:
        _kill_group_leftovers(process.pid)
    produced = outdir / f"{path.stem}.{target}"
    if not produced.is_file():
        raise ConversionError(f"LibreOffice không chuyển đổi được tệp {path.suffix} (mã thoát {process.returncode})")
    return Converted(path=produced, target=target, seconds=time.monotonic() - started)


def _kill_group_leftovers(pgid: int) -> None:
    """soffice.bin may outlive its launcher; nothing of the conversion stays running."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)

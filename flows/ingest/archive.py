"""Opening a .zip: one child :class:`Item` per member, inflated in bounded chunks.

The central directory is checked against the caps (``flows.guard.check_zip_infos``)
before any member is inflated; encrypted members are inputs with their problem stated;
member names without the UTF-8 flag are decoded as Vietnamese Windows tools write them.
"""

from __future__ import annotations

import contextlib
import io
import unicodedata
import zipfile
from datetime import datetime

from flows.guard import Limits, Rejected, check_zip_infos, member_chunks
from flows.ingest.dates import as_utc
from flows.ingest.items import Item
from flows.ingest.names import display_name, plain_name_char


def expand_zip(item: Item, limits: Limits) -> list[Item]:
    data = item.read(limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise Rejected(f"tệp .zip hỏng: {exc}") from exc
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        check_zip_infos(infos, limits)
        if len(infos) > limits.members:
            raise Rejected(f"tệp .zip có quá nhiều tệp (trên {limits.members})")
        children = []
        for index, info in enumerate(infos, start=1):
            name = display_name(_zip_name(info))
            if info.flag_bits & 0x1:
                member_data, problem = b"", "tệp trong .zip được mã hóa (có mật khẩu)"
            else:
                member_data, problem = _read_member(archive, info, limits)
            child = Item(
                locator=f"{item.locator}/member={index}", path=f"{item.path} › {name}",
                kind="member", name=name, depth=item.depth + 1, data=member_data,
                mtime=_zip_time(info) or item.mtime, message=item.message, parent=item.locator,
            )  # fmt: skip
            child.problem = problem
            children.append(child)
    return children


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> tuple[bytes, str | None]:
    """A member's bytes, inflated 1 MB at a time and never past its declared size.

    ``ZipFile.read`` inflates up to 2 GB in one call before cutting to the declared size,
    so a member whose headers understate it costs that much memory; reading in chunks
    stops at the declared size, where the CRC check then tells the lie.
    """
    cap = min(info.file_size, limits.zip_member_bytes)
    try:
        return b"".join(member_chunks(archive, info, cap)), None
    except Rejected as exc:
        return b"", exc.reason


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Member names without the UTF-8 flag: UTF-8 anyway (many tools), else the OEM code
    page of a Vietnamese Windows (windows-1258, tones as combining marks), else CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    for codec in ("utf-8", "cp1258"):
        with contextlib.suppress(UnicodeDecodeError):
            text = unicodedata.normalize("NFC", raw.decode(codec))
            if codec == "utf-8" or all(plain_name_char(ch) for ch in text):
                return text
    return info.filename


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return as_utc(datetime(*info.date_time))
    except ValueError:
        return None

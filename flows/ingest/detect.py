"""Which format an input is: the name proposes, the bytes decide when they disagree.

Also says, in words the sender can act on, why a format is refused
(:func:`unsupported_reason`).  Magic numbers and zip members are read by
``readers.formats``, the one detector; this module adds what only ingestion knows
(containers, converted legacy formats, whether LibreOffice is installed).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from flows.ingest.items import Item
from readers.formats import OLE_MAGIC, TNEF_MAGIC, identify, identify_bytes, sniff

# Word/Excel 97-2003, RTF and OpenDocument: read after LibreOffice converts them (readers.legacy)
CONVERTED_FORMATS = {"doc", "xls", "rtf", "odt", "ods"}
DOCUMENT_FORMATS = {"docx", "pdf", "xlsx", "txt", "md"} | CONVERTED_FORMATS
CONTAINER_FORMATS = {"mbox", "eml", "msg", "zip"}
SUFFIXES = {
    ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".xlsm": "xlsx", ".txt": "txt",
    ".md": "md", ".mbox": "mbox", ".mbx": "mbox", ".eml": "eml", ".msg": "msg", ".zip": "zip",
    ".doc": "doc", ".xls": "xls", ".rtf": "rtf", ".odt": "odt", ".ods": "ods",
}  # fmt: skip
INDEX_FILES = {".msf": "tệp chỉ mục của Thunderbird (.msf)", ".dat": "tệp dữ liệu (.dat)",
               ".pst": "tệp dữ liệu Outlook (.pst), cần xuất ra từng thư .msg/.eml"}  # fmt: skip
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".emz", ".wmf"}
LEGACY = {".doc": "Word 97-2003 (.doc)", ".xls": "Excel 97-2003 (.xls)", ".rar": "RAR", ".7z": "7z",
          ".rtf": "RTF (.rtf)", ".odt": "OpenDocument (.odt)", ".ods": "OpenDocument (.ods)"}  # fmt: skip


def detect_format(item: Item, head: bytes) -> tuple[str | None, str | None]:
    """(format, problem): format None means unsupported; a problem means a broken file."""
    suffix = Path(item.name or "").suffix.lower()
    by_name = SUFFIXES.get(suffix)
    sniffed = _sniff(head)
    if item.kind == "body":
        return "txt", None
    if by_name in {"docx", "xlsx", "zip"}:
        if sniffed == "ole" or head.startswith(TNEF_MAGIC):
            return None, None  # Word/Excel 97-2003 or an encrypted OOXML: unsupported_reason says
        if sniffed != "zip":
            return by_name, f"tệp {suffix} hỏng (không phải tệp nén hợp lệ)"
        return by_name, None
    if by_name == "pdf":
        if sniffed in {"zip", "ole"} and (actual := _document_format(item)):
            return actual, None  # a Word/Excel file named .pdf: read by its content
        return "pdf", None if sniffed == "pdf" else "tệp .pdf hỏng (thiếu phần đầu %PDF)"
    if by_name == "msg":
        return "msg", None if sniffed == "ole" else "tệp .msg hỏng (không phải tệp Outlook)"
    if by_name in CONVERTED_FORMATS:
        return _converted_format(by_name, sniffed)
    if by_name:
        return by_name, None
    if suffix in LEGACY:
        return None, None
    fmt = format_from_content(sniffed, head)
    if fmt == "zip":  # an unknown suffix: the members say docx/xlsx (judged in the opener child,
        # or here for bytes built in this process, never for a part of a container from outside)
        fmt = item.zip_format or (refine_zip_format(item.data) if item.data is not None else fmt)
    return fmt, None


def libreoffice_available() -> bool:
    """Whether legacy formats can be read here; its absence is announced once per process."""
    from readers.legacy import soffice_binary

    if soffice_binary() is not None:
        return True
    if not _ANNOUNCED:
        _ANNOUNCED.add("soffice")
        logging.getLogger(__name__).warning(
            "LibreOffice (soffice) not found: .doc/.xls/.rtf/.odt/.ods inputs get fate unsupported")
    return False


_ANNOUNCED: set[str] = set()


def _converted_format(fmt: str, sniffed: str | None) -> tuple[str | None, str | None]:
    """A .doc/.xls/.rtf/.odt/.ods is read after LibreOffice converts it in the sandbox child;
    without LibreOffice it is unsupported (``unsupported_reason`` says what is missing)."""
    if not libreoffice_available():
        return None, None
    if fmt in {"odt", "ods"} and sniffed != "zip":
        return fmt, f"tệp .{fmt} hỏng (không phải tệp nén OpenDocument hợp lệ)"
    return fmt, None


def _sniff(head: bytes) -> str | None:
    kind = sniff(head)  # readers.formats: the one detector
    return kind if kind in {"zip", "pdf", "ole", "mbox"} else None


def _document_format(item: Item) -> str | None:
    """docx/xlsx when the bytes are one (whatever the name says), else None."""
    try:
        kind = identify_bytes(item.data) if item.data is not None else identify(item.file) if item.file else None
    except OSError:
        return None
    return kind if kind in {"docx", "xlsx"} else None


def head_of(item: Item, size: int = 4096) -> bytes:
    if item.data is not None:
        return item.data[:size]
    if item.file is None:
        return b""
    try:
        with open(item.file, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _is_encrypted_ooxml(item: Item) -> bool:
    """Office saves a password-protected .docx/.xlsx as an OLE file with an EncryptedPackage."""
    marker = "EncryptedPackage".encode("utf-16-le")
    if item.data is not None:
        return marker in item.data
    return item.file is not None and item.file.stat().st_size < (64 << 20) and marker in item.file.read_bytes()


def format_from_content(sniffed: str | None, head: bytes) -> str | None:
    if sniffed in {"pdf", "mbox"}:
        return sniffed
    if sniffed == "zip":
        return "zip"  # refined to docx/xlsx by member names in classify_zip
    if re.match(rb"(?i)(received|return-path|from|message-id|mime-version|date|subject):", head):
        return "eml"
    return None


def refine_zip_format(data: bytes) -> str:
    """An unnamed OOXML attachment: tell docx/xlsx from a plain zip by its member names."""
    kind = identify_bytes(data)
    return kind if kind in {"docx", "xlsx"} else "zip"


def unsupported_reason(item: Item) -> str:
    """Why a format is refused, in words the sender can act on."""
    suffix = Path(item.name or "").suffix.lower()
    head = head_of(item)
    if head.startswith(TNEF_MAGIC) or (item.name or "").lower() == "winmail.dat":
        return ("winmail.dat (định dạng TNEF của Outlook) không được hỗ trợ: đề nghị gửi lại thư "
                "ở định dạng HTML hoặc văn bản thường để tệp đính kèm đi kèm trực tiếp")  # fmt: skip
    if head.startswith(OLE_MAGIC) and suffix in {".docx", ".xlsx", ".xlsm"}:
        if _is_encrypted_ooxml(item):
            return f"tệp {suffix} được đặt mật khẩu (mã hóa), không đọc được; đề nghị gửi bản không mật khẩu"
        legacy = ".doc" if suffix == ".docx" else ".xls"
        return (f"tệp mang đuôi {suffix} nhưng thực chất là {LEGACY[legacy]}; "
                f"đề nghị lưu lại đúng định dạng {suffix} rồi gửi lại")  # fmt: skip
    if suffix in INDEX_FILES:
        return f"{INDEX_FILES[suffix]}, không phải thư hay báo cáo"
    if suffix in IMAGES:
        return f"tệp ảnh ({suffix}), không phải văn bản báo cáo (thường là ảnh chèn trong thư)"
    if SUFFIXES.get(suffix) in CONVERTED_FORMATS and not libreoffice_available():
        return (f"định dạng {LEGACY[suffix]} cần LibreOffice để chuyển đổi trước khi đọc, máy xử lý "
                "chưa cài LibreOffice (scripts/install_system_deps.sh); đề nghị cài rồi chạy lại")  # fmt: skip
    if suffix in LEGACY:
        return f"định dạng {LEGACY[suffix]} không được hỗ trợ, đề nghị gửi lại bản .docx/.xlsx/.pdf"
    return f"định dạng tệp không được hỗ trợ: {suffix or '(không có đuôi)'}"

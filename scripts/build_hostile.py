"""Build a hostile mailbox: bombs, broken and odd files, with a few good reports among them.

    python scripts/build_hostile.py OUT_DIR [--seed N]

Deterministic for a seed (names, mutations and sizes come from ``random.Random(seed)``).
Every case is a file under OUT_DIR; ``manifest.json`` beside the folder lists each file
with what it tries.  The good reports are copies of ``samples/reports`` (built by
``scripts/build_samples.py``), loose and inside mail and zip, so a run over the folder
must still process them.  Kinds of case:

* zip bombs: understated sizes in the headers, nested zips, overlapping entries, tens of
  thousands of tiny members, a member declaring 4 GB, path-traversal member names,
  an encrypted member, deep nesting (zip in zip …);
* OOXML: bomb .docx/.xlsx (honest and understated headers), billion laughs and external
  entities in document.xml / sheet1.xml, 100 000-deep XML, a huge picture declared in a
  docx, an "encrypted" docx (OLE EncryptedPackage);
* truncated and bit-flipped docx/pdf/xlsx, wrong extensions, empty files;
* PDF: a flate bomb content stream, a cyclic xref (/Prev to itself), a page tree that
  contains itself, an encrypted PDF (qpdf when installed);
* mail: deeply nested multiparts, a message with thousands of parts, huge headers,
  broken RFC 2047 words and unknown charsets, an mbox of junk, a message whose
  attachments share one name, a .msg that is not Outlook;
* text: 200 000-character lines (digits, dots, letters, separators), numbers of 310 and
  4 400 digits;
* names that are not UTF-8 (cp1258 bytes).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "samples" / "reports"
GOOD = ["haiphong_report.docx", "tuyenquang_appendix.xlsx", "haiphong_report.pdf", "nghean_5col.docx"]
MB = 1 << 20
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Corpus:
    """Where the cases go, with a manifest of what each one tries."""

    def __init__(self, out: Path, seed: int):
        self.out, self.rng = out, random.Random(seed)
        self.manifest: dict[str, str] = {}
        self._zeros: dict[tuple[int, int], bytes] = {}

    def write(self, name: str | bytes, data: bytes, why: str) -> None:
        raw = name if isinstance(name, bytes) else name.encode("utf-8")
        target = Path(os.fsdecode(os.fsencode(self.out) + b"/" + raw))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.manifest[raw.decode("utf-8", "backslashreplace")] = why

    def zeros_deflated(self, size: int, wbits: int = -15) -> bytes:
        """A deflate stream of ``size`` zero bytes (raw, or zlib-wrapped with wbits=15; cached).

        Each MB is compressed after a full flush, so every MB's output is the same bytes:
        one is compressed and repeated, which takes milliseconds instead of seconds.
        """
        if (size, wbits) not in self._zeros:
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            chunk = packer.compress(bytes(MB)) + packer.flush(zlib.Z_FULL_FLUSH)
            tail = packer.compress(bytes(size % MB)) + packer.flush()
            stream = chunk * (size // MB) + tail
            if wbits > 0:
                stream = b"\x78\xda" + stream + struct.pack(">I", zeros_checksum(size, zlib.adler32, 1))
            self._zeros[size, wbits] = stream
        return self._zeros[size, wbits]


def zeros_checksum(size: int, function, start: int = 0) -> int:  # noqa: ANN001 - zlib.crc32/adler32
    """``function`` (zlib.crc32 or zlib.adler32) of ``size`` zero bytes, 1 MB at a time (cached)."""
    key = (size, function.__name__)
    if key not in _CHECKSUMS:
        value, chunk = start, bytes(MB)
        for _ in range(size // MB):
            value = function(chunk, value)
        _CHECKSUMS[key] = function(bytes(size % MB), value)
    return _CHECKSUMS[key]


_CHECKSUMS: dict[tuple[int, str], int] = {}


# ---------------------------------------------------------------------------
# Zip writing by hand (headers that lie, entries that overlap)
# ---------------------------------------------------------------------------


def raw_zip(members: list[tuple[bytes, bytes, int, int, int]], overlap: int = 0) -> bytes:
    """A zip from (name, deflated data, crc, true size, declared size) tuples.

    ``declared`` is written in both headers (understating when smaller than the true size);
    ``overlap`` > 0 adds that many more central entries all pointing at the first member.
    """
    body, central, offsets = io.BytesIO(), [], []
    for name, data, crc, _size, declared in members:
        offsets.append(body.tell())
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), declared, len(name), 0))
        body.write(name + data)
    entries = list(zip(members, offsets, strict=True))
    entries += [((members[0][0] + b"%d" % i, *members[0][1:]), offsets[0]) for i in range(overlap)]
    start = body.tell()
    for (name, data, crc, _size, declared), offset in entries:
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data),
                                   declared, len(name), 0, 0, 0, 0, 0, offset) + name)  # fmt: skip
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0)
    return body.getvalue() + directory + end


def zeros_member(corpus: Corpus, name: bytes, size: int, declared: int | None = None) -> tuple:
    crc = zeros_checksum(size, zlib.crc32)
    return (name, corpus.zeros_deflated(size), crc, size, size if declared is None else declared)


def raw_member(name: bytes, data: bytes) -> tuple:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return (name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data), len(data))


def plain_zip(members: list[tuple[str | bytes, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name if isinstance(name, str) else name.decode("cp437"), (2025, 11, 6, 8, 0, 0))
            info.compress_type = compression
            info._compresslevel = 1  # speed: these cases need sizes, not tight packing
            archive.writestr(info, data)
    return buffer.getvalue()


def docx_with(document_xml: bytes, extra: list[tuple[str, bytes]] | None = None) -> bytes:
    """A minimal OOXML word package around ``document_xml``."""
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')  # fmt: skip
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
             b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             b"</Types>")  # fmt: skip
    return plain_zip([("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", document_xml),
                      *(extra or [])])  # fmt: skip


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def laughs(levels: int = 10) -> bytes:
    entities = [b'<!ENTITY lol0 "lol">']
    entities += [b"<!ENTITY lol%d \"%s\">" % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, levels)]
    doctype = b"<!DOCTYPE w:document [" + b"".join(entities) + b"]>"
    return (b'<?xml version="1.0"?>' + doctype + b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&lol%d;"
            % (levels - 1) + b"</w:t></w:r></w:p></w:body></w:document>")  # fmt: skip


def external_entity(target: bytes = b"file:///etc/passwd") -> bytes:
    return (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "' + target + b'">]><w:document '
            + W + b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")  # fmt: skip


def xlsx_with(sheet_xml: bytes) -> bytes:
    workbook = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                b'<sheet name="PL2" sheetId="1" r:id="rId1"/></sheets></workbook>')  # fmt: skip
    wb_rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
               b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
               b'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')  # fmt: skip
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')  # fmt: skip
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
             b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
             b'officedocument.spreadsheetml.worksheet+xml"/></Types>')  # fmt: skip
    return plain_zip([("[Content_Types].xml", types), ("_rels/.rels", rels), ("xl/workbook.xml", workbook),
                      ("xl/_rels/workbook.xml.rels", wb_rels), ("xl/worksheets/sheet1.xml", sheet_xml)])  # fmt: skip


# ---------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------


def zip_cases(c: Corpus) -> None:
    c.write("zip/bom-khai-thieu.zip", raw_zip([zeros_member(c, b"bao-cao.docx", 1024 * MB, declared=4096)]),
            "1 MB zip, headers declare 4 KB for a 1 GB member")  # fmt: skip
    c.write("zip/bom-trung-thuc.zip", raw_zip([zeros_member(c, b"du-lieu.txt", 1024 * MB)]),
            "1 GB of zeros declared honestly (ratio ~1000:1)")  # fmt: skip
    c.write("zip/bom-4gb.zip", raw_zip([zeros_member(c, b"a.txt", 64 * MB, declared=0xFFFFFFFE)]),
            "a member declaring 4 GB")  # fmt: skip
    c.write("zip/bom-chong-lap.zip", raw_zip([zeros_member(c, b"x.xml", 64 * MB)], overlap=400),
            "400 central entries overlapping one 64 MB member")  # fmt: skip
    inner = raw_zip([zeros_member(c, b"in.txt", 256 * MB, declared=100)])
    nested = plain_zip([(f"lop-{i}.zip", inner) for i in range(8)], zipfile.ZIP_STORED)
    c.write("zip/bom-long-nhau.zip", plain_zip([("tang-2.zip", nested)]), "zips in zips, understated leaves")
    tiny = [(f"t/{i:05d}.txt", b"x") for i in range(c.rng.randint(20_000, 25_000))]
    c.write("zip/nhieu-tep-nho.zip", plain_zip(tiny, zipfile.ZIP_STORED), "over 20 000 one-byte members")
    deep = c_good(c, 0)
    for level in range(12):
        deep = plain_zip([(f"cap-{level}.zip", deep)])
    c.write("zip/long-12-cap.zip", deep, "a report 12 zips deep")
    c.write("zip/duong-dan-xau.zip", plain_zip([("../../../etc/cron.d/x.docx", c_good(c, 0)),
                                                ("/abs/bao-cao.txt", b"BAO CAO"), ("C:\\x\\..\\y.pdf", b"%PDF")]),
            "path traversal member names (one holds a good report)")  # fmt: skip
    encrypted = bytearray(plain_zip([("mat-khau.docx", b"secret" * 100)], zipfile.ZIP_STORED))
    encrypted[6] |= 1  # general purpose flag bit 0: encrypted (local header)
    at = encrypted.rfind(b"PK\x01\x02")
    encrypted[at + 8] |= 1
    c.write("zip/ma-hoa.zip", bytes(encrypted), "an encrypted member")
    cp1258 = unicodedata.normalize("NFD", "Báo cáo Hà Tĩnh.docx").encode("cp1258")
    c.write("zip/ten-cp1258.zip", plain_zip([(cp1258, c_good(c, 3))]), "member name in cp1258 without the UTF-8 flag")
    c.write("zip/khong-phai-zip.zip", bytes(c.rng.randrange(256) for _ in range(5000)), "random bytes named .zip")


def c_good(c: Corpus, index: int) -> bytes:
    return (REPORTS / GOOD[index % len(GOOD)]).read_bytes()


def ooxml_cases(c: Corpus) -> None:
    body = b"<w:document " + W + b"><w:body>" + b"<w:p/>" * (40 * MB // 6) + b"</w:body></w:document>"
    c.write("ooxml/bom.docx", docx_with(body), "document.xml of 40 MB of empty paragraphs (ratio > 150)")
    words = " ".join(c.rng.choice(["báo", "cáo", "số", "giáo", "viên", "máy", "tính", "1.234", "đạt"])
                     for _ in range(12_000))  # a 64 KB period: deflate's 32 KB window cannot shrink it
    block = ("<w:p><w:r><w:t>" + words + "</w:t></w:r></w:p>").encode() * 2
    heavy = b"<w:document " + W + b"><w:body>" + block * (120 * MB // len(block)) + b"</w:body></w:document>"
    c.write("ooxml/nang-120mb.docx", docx_with(heavy), "120 MB of honest, barely compressible XML")
    understated = understated_docx(1024 * MB, c)
    c.write("ooxml/bom-khai-thieu.docx", understated, "docx whose document.xml declares 2 KB, inflates to 1 GB")
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>' * (600_000)
             + b"</sheetData></worksheet>")  # fmt: skip
    c.write("ooxml/bom.xlsx", xlsx_with(sheet), "xlsx with 600 000 rows (~40 MB of XML)")
    c.write("ooxml/billion-laughs.docx", docx_with(laughs()), "billion laughs in document.xml")
    c.write("ooxml/xxe.docx", docx_with(external_entity()), "external entity file:///etc/passwd")
    c.write("ooxml/xxe-mang.docx", docx_with(external_entity(b"http://127.0.0.1:9/x")), "external entity over HTTP")
    laugh_sheet = laughs().replace(b"w:document", b"worksheet")
    c.write("ooxml/billion-laughs.xlsx", xlsx_with(laugh_sheet), "billion laughs in sheet1.xml")
    deep = b"<w:document " + W + b"><w:body>" + b"<w:p>" * 100_000 + b"</w:p>" * 100_000 + b"</w:body></w:document>"
    c.write("ooxml/sau-100k.docx", docx_with(deep), "XML nested 100 000 levels deep")
    png = _png_bomb(c, 30_000, 30_000)
    picture = docx_with(b"<w:document " + W + b"><w:body><w:p><w:r><w:t>BAO CAO</w:t></w:r></w:p></w:body>"
                        b"</w:document>", [("word/media/image1.png", png)])  # fmt: skip
    c.write("ooxml/anh-khong-lo.docx", picture, "a 30 000 x 30 000 PNG inside a docx")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(2000)
    c.write("ooxml/co-mat-khau.docx", ole, "password-protected docx (OLE EncryptedPackage)")
    c.write("ooxml/co-mat-khau.xlsx", ole, "password-protected xlsx (OLE EncryptedPackage)")


def understated_docx(size: int, corpus: Corpus | None = None) -> bytes:
    """A docx whose document.xml declares 2 KB and inflates to ``size`` bytes of zeros."""
    corpus = corpus or Corpus(Path("."), 0)
    package = zipfile.ZipFile(io.BytesIO(docx_with(b"<w:document " + W + b"/>")))
    parts = [raw_member(n.encode(), package.read(n)) for n in package.namelist() if n != "word/document.xml"]
    return raw_zip([*parts, zeros_member(corpus, b"word/document.xml", size, declared=2000)])


def _png_bomb(corpus: Corpus, width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    idat = corpus.zeros_deflated(height * (width + 1), wbits=15)  # filter byte 0 + black pixels per row
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def broken_cases(c: Corpus) -> None:
    for index, name in enumerate(GOOD):
        data = c_good(c, index)
        stem, suffix = name.rsplit(".", 1)
        cut = c.rng.randint(len(data) // 5, len(data) * 4 // 5)
        c.write(f"hong/cut-{stem}.{suffix}", data[:cut], f"{name} cut at byte {cut}")
        flipped = bytearray(data)
        for _ in range(40):
            flipped[c.rng.randrange(len(flipped))] ^= 1 << c.rng.randrange(8)
        c.write(f"hong/lat-bit-{stem}.{suffix}", bytes(flipped), f"{name} with 40 bits flipped")
    c.write("hong/pdf-ten-docx.docx", c_good(c, 2), "a PDF named .docx")
    c.write("hong/docx-ten-pdf.pdf", c_good(c, 0), "a docx named .pdf")
    c.write("hong/chu-ten-xlsx.xlsx", "BÁO CÁO 131\n".encode() * 50, "text named .xlsx")
    c.write("hong/zip-ten-eml.eml", plain_zip([("a.txt", b"x")]), "a zip named .eml")
    c.write("hong/khong-phai-msg.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(c.rng.randrange(256)
                                                                                for _ in range(3000)),
            "OLE magic then junk, named .msg")  # fmt: skip
    for suffix in ("docx", "pdf", "xlsx", "eml", "mbox", "zip", "txt", "msg"):
        c.write(f"rong/rong.{suffix}", b"", f"empty .{suffix}")
    c.write("rong/chi-khoang-trang.txt", b" \n\t\n" * 100, "only whitespace")


def pdf_cases(c: Corpus) -> None:
    stream = c.zeros_deflated(512 * MB, wbits=15)
    c.write("pdf/bom-flate.pdf", _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                       b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                       b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                                       b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
                                       + b"\nendstream"]), "a content stream inflating to 512 MB")  # fmt: skip
    c.write("pdf/xref-vong.pdf", _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                       b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                                       b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"], cyclic=True),
            "xref /Prev pointing at itself and a page tree containing itself")  # fmt: skip
    c.write("pdf/chi-dau.pdf", b"%PDF-1.7\n" + b"%" * 100, "a PDF header and nothing else")
    qpdf = shutil.which("qpdf")
    if qpdf:
        source = REPORTS / GOOD[2]
        target = c.out / "pdf" / "co-mat-khau.pdf"
        subprocess.run([qpdf, "--encrypt", "user", "owner", "256", "--", str(source), str(target)],
                       check=False, capture_output=True)  # fmt: skip
        c.manifest["pdf/co-mat-khau.pdf"] = "encrypted PDF (user password)"


def _pdf(objects: list[bytes], cyclic: bool = False) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    prev = b" /Prev %d" % xref if cyclic else b""
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, prev, xref))
    return out.getvalue()


def _message(
    subject: str, attachments: list[tuple[str, bytes, str]] | None = None, body: str = "Gửi kèm."
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Sở GDĐT <sogd@example.edu.vn>"
    message["To"] = "bo@moet.gov.vn"
    message["Subject"] = subject
    message["Date"] = "Thu, 06 Nov 2025 08:00:00 +0700"
    message.set_content(body)
    for name, data, mime in attachments or []:
        main, sub = mime.split("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return message


def mail_cases(c: Corpus) -> None:
    c.write("thu/bao-cao-tot.eml", _message("Báo cáo 131", [("Báo cáo.docx", c_good(c, 0), DOCX_MIME)]).as_bytes(),
            "a good report attached (must be processed)")  # fmt: skip
    nested = "Content-Type: text/plain\n\nday\n"
    for level in range(3000):
        nested = f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n{nested}\n--b{level}--\n'
    c.write("thu/long-3000-cap.eml", _headers("Lồng sâu") + nested.encode(), "multiparts nested 3 000 deep")
    parts = "".join(f'--B\nContent-Type: application/octet-stream\nContent-Disposition: attachment; '
                    f'filename="p{i}.bin"\n\nx{i}\n' for i in range(6000))  # fmt: skip
    c.write("thu/6000-phan.eml", _headers("Nhiều phần") + b'Content-Type: multipart/mixed; boundary="B"\n\n'
            + parts.encode() + b"--B--\n", "6 000 MIME parts")  # fmt: skip
    many = _message("500 tệp", [(f"tep-{i}.txt", b"x" * 10, "text/plain") for i in range(499)]
                    + [("Báo cáo 131.docx", c_good(c, 3), DOCX_MIME)])  # fmt: skip
    c.write("thu/500-tep.eml", many.as_bytes(), "500 attachments, the last one a good report")
    huge = b"Subject: " + b"A" * (8 * MB) + b"\n" + b"".join(b"X-H%d: v\n" % i for i in range(50_000))
    c.write("thu/tieu-de-khong-lo.eml", b"From: a@b.vn\nDate: Thu, 06 Nov 2025 08:00:00 +0700\n" + huge
            + b"\nnoi dung\n", "an 8 MB subject and 50 000 header lines")  # fmt: skip
    odd = (b"From: =?utf-8?B?broken?= <a@b.vn>\nSubject: =?x-unknown?Q?abc?= =?utf-8?Q?=E1=BA?=\n"
           b"Date: not a date\nContent-Type: text/plain; charset=x-does-not-exist\n"
           b"Content-Disposition: attachment; filename*=x-bad''%E1%BA%A1.docx\n\n\xe1\xba\xa1 \xff\xfe\n")  # fmt: skip
    c.write("thu/ma-hoa-la.eml", odd, "broken RFC 2047 words, unknown charsets, bad RFC 2231 name")
    same = _message("Trùng tên", [("bao-cao.docx", c_good(c, 0), DOCX_MIME), ("bao-cao.docx", b"PK\x03\x04xx",
                                                                            DOCX_MIME)])  # fmt: skip
    c.write("thu/trung-ten.eml", same.as_bytes(), "two attachments with one name, one broken")
    bomb = _message("Bom", [("bao-cao.zip", (c.out / "zip" / "bom-khai-thieu.zip").read_bytes(), "application/zip")])
    c.write("thu/bom-dinh-kem.eml", bomb.as_bytes(), "a zip bomb attached")
    traversal = _message("Đường dẫn", [("../../../../tmp/x.docx", c_good(c, 0), DOCX_MIME)])
    c.write("thu/duong-dan-xau.eml", traversal.as_bytes(), "a path-traversal attachment name (a good report)")
    mbox = b"".join(b"From x@y Thu Nov  6 08:00:00 2025\n" + _message(f"Thư {i}").as_bytes() + b"\n"
                    for i in range(3))  # fmt: skip
    mbox += b"From junk\n" + bytes(c.rng.randrange(256) for _ in range(20000))
    c.write("thu/hop-thu.mbox", mbox, "three messages then junk")
    c.write("thu/rac.mbox", bytes(c.rng.randrange(256) for _ in range(20000)), "random bytes named .mbox")


def _headers(subject: str) -> bytes:
    return (f"From: a@b.vn\nSubject: {subject}\nDate: Thu, 06 Nov 2025 08:00:00 +0700\nMIME-Version: 1.0\n"
            .encode())  # fmt: skip


def text_cases(c: Corpus) -> None:
    line = 200_000
    heads = "BÁO CÁO kết quả thực hiện Quyết định số 131/QĐ-TTg\n"
    patterns = {"so": "7", "cham": ".", "so-cham": "1.", "chu": "a", "dau-cham-dan": "…", "gach": "-",
                "so-phay": "1,", "khoang-trang-so": " 1", "tieng-viet": "đ"}  # fmt: skip
    for name, unit in patterns.items():
        c.write(f"dong-dai/{name}.txt", (heads + unit * (line // len(unit)) + "\n").encode(),
                f"one {line}-character line of {unit!r}")  # fmt: skip
    for digits in (310, 4400):
        text = heads + f"1. Tổng số giáo viên có máy tính: {'9' * digits}, đạt tỉ lệ 97,1%\n"
        c.write(f"dong-dai/so-{digits}-chu-so.txt", text.encode(), f"a count of {digits} digits")
    c.write(b"ten/B\xe1o c\xe1o H\xe0 T\xecnh.txt", heads.encode("utf-8") * 3, "a name in cp1258 bytes")
    c.write(b"ten/\xff\xfe\xfd.docx", c_good(c, 0), "a name of undecodable bytes (a good report)")


def good_cases(c: Corpus) -> None:
    for index, name in enumerate(GOOD):
        c.write(f"tot/{name}", c_good(c, index), "a good report (must be processed)")
    c.write("tot/trong-zip.zip", plain_zip([("Báo cáo Nghệ An.docx", c_good(c, 3))]), "a good report in a zip")


def build(out: Path, seed: int = 131) -> Path:
    """Write the corpus under ``out`` (emptied first) and its manifest; return ``out``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    corpus = Corpus(out, seed)
    for step in (good_cases, zip_cases, ooxml_cases, broken_cases, pdf_cases, mail_cases, text_cases):
        step(corpus)
    (out.parent / f"{out.name}.manifest.json").write_text(
        json.dumps(corpus.manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=131)
    args = parser.parse_args(argv)
    build(args.out, args.seed)
    print(f"{len(list(args.out.rglob('*')))} entries under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

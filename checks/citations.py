"""Cross-checks of the legal documents a report cites (issue 3).

Each check returns Flags carrying the citation's id in ``Flag.citation``, a stable
code, a Vietnamese message and the evidence.  Severity: ``error`` when two facts
contradict each other (two dates for one document, a date against the reference
data, a year in the ký hiệu against the date, a date after the report's own date, a
day that does not exist); ``warning`` when the citation is suspicious but may be
meant (a ký hiệu in the other body's order, a near-duplicate number, a type word that
names what the cited document issued: "Kế hoạch số 2358/QĐ-BGDĐT").

Codes:
* ``citation_date_conflict``: one document cited with different dates.
* ``citation_date_vs_reference``: date differs from ``gazetteer/legal_documents.csv``
  (verified rows only).
* ``citation_year_mismatch``: "09/2021/TT-BGDĐT ngày 30/03/2020".
* ``citation_invalid_date``: "ngày 31/02/2024".
* ``citation_after_report_date``: cited document dated after the report itself.
* ``citation_symbol_order``: "71-NQ/CP" (Party order for a state body) or both orders
  of one document in one report.
* ``citation_near_duplicate``: two ids of one ký hiệu and date whose numbers differ by
  one digit ("2065/QĐ-TTg" and "206/QĐ-TTg", both 28/02/2024), also against the
  reference data.
* ``citation_type_mismatch``: type word against the ký hiệu's type code.
* ``citation_ocr_uncertain``: a citation read by OCR below the confidence threshold, or
  with a digit slip repaired ("ngày 28 tháng 1l năm 2017"): a reviewer compares it with
  the scan.  Restored marks ("QD" -> "QĐ") and unknown codes are notes, not flags: a
  clean text typed without marks is not doubtful.

Variants of one ký hiệu ("131/QĐ.TTg", "131/QĐ-TTg") meet under
:func:`gazetteer.legal.fold_id`, for the reference data and for date conflicts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache

from rapidfuzz.distance import Levenshtein

from baocao.model import Citation, Extraction, Flag
from checks.registry import make_flag
from extractors.citation_grammar import DATE_RE, SymbolParts, parse_symbol
from extractors.citation_issuers import citation_key
from gazetteer.legal import fold_id, issuers_by_code, legal_documents, reference_for

__all__ = ["check_citations", "CHECKS"]


def _vn_date(iso: str | None) -> str:
    if not iso:
        return "không rõ ngày"
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _flag(code: str, severity: str, message: str, citation: Citation, **evidence: object) -> Flag:
    return Flag(
        code=code,
        severity=severity,  # type: ignore[arg-type]
        message=message,
        citation=citation.id,
        evidence={"raw": citation.raw, **evidence},
        location=citation.location,
    )


def _folded_key(citation: Citation) -> str:
    """:func:`citation_key` with the id folded, so written variants are one document."""
    key = citation_key(citation)
    place = key[len(citation.id) :] if key.startswith(citation.id) else ""
    return fold_id(citation.id) + place


def date_conflicts(extraction: Extraction) -> list[Flag]:
    """One document (same key) cited with two or more different dates.

    Numbers without a year in the ký hiệu restart every year ("01/NQ-CP" exists each
    year), so dates in different years may be two documents: a warning, not an error.
    """
    groups: dict[str, list[Citation]] = defaultdict(list)
    for citation in extraction.citations:
        if citation.date:
            groups[_folded_key(citation)].append(citation)
    flags = []
    for mentions in groups.values():
        counts = Counter(c.date for c in mentions)
        if len(counts) < 2:
            continue
        usual = counts.most_common(1)[0][0]
        odd = next(c for c in mentions if c.date != usual)
        dates = ", ".join(_vn_date(d) for d in counts)
        same_year = len({d[:4] for d in counts}) == 1 or odd.year is not None
        message = f"Văn bản {odd.id} được trích dẫn với các ngày khác nhau trong cùng báo cáo: {dates}."
        if not same_year:
            message = message[:-1] + " (có thể là hai văn bản khác năm trùng số, hoặc ghi nhầm ngày)."
        flags.append(
            _flag(
                "citation_date_conflict",
                "error" if same_year else "warning",
                message,
                odd,
                dates={d: [c.location.to_dict() for c in mentions if c.date == d] for d in counts},
            )
        )
    return flags


def reference_dates(extraction: Extraction) -> list[Flag]:
    """A cited date that contradicts the verified reference date (once per id and date)."""
    flags, seen = [], set()
    for citation in extraction.citations:
        reference = reference_for(citation.id)
        if not (reference and reference.verified and reference.date and citation.date):
            continue
        if citation.date == reference.date or (citation.id, citation.date) in seen:
            continue
        seen.add((citation.id, citation.date))
        flags.append(
            _flag(
                "citation_date_vs_reference",
                "error",
                f"{reference.type} {citation.id} ban hành ngày {_vn_date(reference.date)}, "
                f"báo cáo ghi ngày {_vn_date(citation.date)}.",
                citation,
                cited_date=citation.date,
                reference_date=reference.date,
                title=reference.title,
            )
        )
    return flags


def year_mismatches(extraction: Extraction) -> list[Flag]:
    """ "09/2021/TT-BGDĐT ngày 30/03/2020": the ký hiệu's year is the signing year."""
    flags = []
    for citation in extraction.citations:
        if citation.year and citation.date and int(citation.date[:4]) != citation.year:
            flags.append(
                _flag(
                    "citation_year_mismatch",
                    "error",
                    f"Số ký hiệu {citation.id} mang năm {citation.year} nhưng ngày ban hành ghi "
                    f"{_vn_date(citation.date)}.",
                    citation,
                    symbol_year=citation.year,
                    cited_date=citation.date,
                )
            )
    return flags


def invalid_dates(extraction: Extraction) -> list[Flag]:
    """A date written after the ký hiệu that does not exist ("ngày 31/02/2024")."""
    flags = []
    for citation in extraction.citations:
        if citation.date:
            continue
        m = DATE_RE.search(citation.raw)
        if m:
            flags.append(
                _flag(
                    "citation_invalid_date",
                    "error",
                    f"Ngày ban hành của văn bản {citation.id} không hợp lệ: {m.group()}.",
                    citation,
                    written_date=m.group(),
                )
            )
    return flags


def after_report_date(extraction: Extraction) -> list[Flag]:
    """A report cannot cite a document signed after the report itself."""
    if not extraction.report_date:
        return []
    return [
        _flag(
            "citation_after_report_date",
            "error",
            f"Văn bản {c.id} ghi ngày {_vn_date(c.date)}, sau ngày của báo cáo ({_vn_date(extraction.report_date)}).",
            c,
            cited_date=c.date,
            report_date=extraction.report_date,
        )
        for c in extraction.citations
        if c.date and c.date > extraction.report_date
    ]


def symbol_orders(extraction: Extraction) -> list[Flag]:
    """State bodies write "71/NQ-CP", Party bodies "57-NQ/TW"; flag the other order.

    Flagged when a ký hiệu uses the order of the other kind of body, and when one report
    writes one document both ways.  "71-NQ/TW" is a different document (a Party
    resolution), so only the issuer code's kind decides, never the number alone.
    """
    ids = {c.id for c in extraction.citations}
    flags, seen = [], set()
    for citation in extraction.citations:
        parts = parse_symbol(citation.id)
        swapped = parts.swapped_id() if parts else None
        if not (parts and swapped) or citation.id in seen:
            continue
        issuer = issuers_by_code().get(parts.issuer_code or "")
        wrong_kind = issuer is not None and issuer.party != parts.party_order
        if not (wrong_kind or swapped in ids):
            continue
        seen.update({citation.id, swapped})
        reference = reference_for(swapped)
        if wrong_kind:
            message = f"Số ký hiệu {citation.id} viết sai thứ tự; đúng thể thức là {swapped}"
        else:
            message = f"Cùng văn bản được viết theo hai thứ tự ký hiệu: {citation.id} và {swapped}"
        if reference:
            message += f" ({reference.type} {swapped} ngày {_vn_date(reference.date)} của {reference.issuer})"
        flags.append(
            _flag(
                "citation_symbol_order",
                "warning",
                message + ".",
                citation,
                suggested_id=swapped,
                both_in_report=swapped in ids,
                reference=bool(reference),
                reference_date_matches=bool(reference and reference.date == citation.date),
            )
        )
    return flags


def _one_digit_apart(a: str, b: str) -> bool:
    """A digit added or dropped ("2065"/"206") or two neighbours swapped ("1315"/"1351").

    A single changed digit is not enough: one body often signs documents with close
    numbers on the same day (Thông tư 10 and 13/2025/TT-BGDĐT, both 12/06/2025).
    """
    a, b = a.lstrip("0"), b.lstrip("0")
    if a == b:
        return False
    if abs(len(a) - len(b)) == 1:
        return Levenshtein.distance(a, b) == 1
    diffs = [i for i in range(len(a)) if len(a) == len(b) and a[i] != b[i]]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


def near_duplicates(extraction: Extraction) -> list[Flag]:
    """Same ký hiệu and date, numbers one digit apart: one of them is mistyped.

    The id that matches the reference data (same date) is taken as right; otherwise the
    rarer id in the report is flagged.
    """
    counts = Counter(c.id for c in extraction.citations)
    same_day: dict[tuple, dict[str, Citation]] = defaultdict(dict)  # key -> id -> first mention
    for other in extraction.citations:
        same_day[(other.date, other.symbol, other.year)].setdefault(other.id, other)
    flags, seen, judged = [], set(), set()
    for citation in extraction.citations:
        if not citation.date or citation.id in seen or (citation.id, citation.date) in judged:
            continue
        judged.add((citation.id, citation.date))  # a repeated mention would be judged the same
        peers = same_day[(citation.date, citation.symbol, citation.year)]
        for other_id, source in _near_ids(citation, list(peers.values())):
            suspect = _suspect(citation.id, other_id, citation.date, counts)
            if suspect != citation.id or (citation.id, other_id) in seen:
                continue
            seen.update({(citation.id, other_id), citation.id})
            where = "trong tài liệu tham chiếu" if source == "reference" else "trong cùng báo cáo"
            flags.append(
                _flag(
                    "citation_near_duplicate",
                    "warning",
                    f"Số ký hiệu {citation.id} và {other_id} ({where}) cùng ngày {_vn_date(citation.date)} "
                    f"chỉ khác nhau một chữ số; có thể ghi nhầm số văn bản.",
                    citation,
                    other_id=other_id,
                    other_source=source,
                    date=citation.date,
                )
            )
    return flags


def _near_ids(citation: Citation, peers: list[Citation]) -> list[tuple[str, str]]:
    """Ids one digit apart from ``citation``'s among its same-day, same-ký-hiệu ``peers``
    of the report, then among the reference documents of that day.

    Looked up by key, not by scanning every citation and reference for each citation: a
    100-page report cites about 900 documents."""
    out: dict[str, str] = {}
    for other in peers:
        if _one_digit_apart(other.number, citation.number):
            out.setdefault(other.id, "report")
    for reference_id, parts in _references_by_date().get(citation.date, ()):
        if reference_id in out:
            continue
        same = parts.symbol == citation.symbol and parts.year == citation.year
        if same and _one_digit_apart(parts.number, citation.number):
            out[reference_id] = "reference"
    return list(out.items())


@cache
def _references_by_date() -> dict[str, list[tuple[str, SymbolParts]]]:
    """The reference documents with a readable ký hiệu, by date (built once)."""
    by_date: dict[str, list[tuple[str, SymbolParts]]] = defaultdict(list)
    for reference in legal_documents().values():
        parts = parse_symbol(reference.id)
        if parts is not None:
            by_date[reference.date].append((reference.id, parts))
    return dict(by_date)


def _suspect(a: str, b: str, date: str, counts: Counter[str]) -> str:
    """Which of two near ids is the likely typo."""
    refs = legal_documents()
    a_ok = a in refs and refs[a].date == date
    b_ok = b in refs and refs[b].date == date
    if a_ok != b_ok:
        return b if a_ok else a
    if counts[a] != counts[b]:
        return a if counts[a] < counts[b] else b
    return max(a, b, key=lambda x: (len(x), x))


# Party rules before 2018 wrote a Quy định as "QĐ" ("Quy định số 105-QĐ/TW").
_COMPATIBLE = {("Quy định", "QĐ")}


def type_mismatches(extraction: Extraction) -> list[Flag]:
    """ "Kế hoạch số 2358/QĐ-BGDĐT": the type word names another type than the ký hiệu."""
    flags = []
    for citation in extraction.citations:
        parts = parse_symbol(citation.id)
        if not (parts and parts.type_code and citation.type):
            continue
        code_type = parts.code_type
        if code_type and code_type != citation.type and (citation.type, parts.type_code) not in _COMPATIBLE:
            flags.append(
                _flag(
                    "citation_type_mismatch",
                    "warning",
                    f"Văn bản {citation.id} được gọi là {citation.type} "
                    f"nhưng ký hiệu {parts.type_code} là {code_type}.",
                    citation,
                    written_type=citation.type,
                    symbol_type=code_type,
                )
            )
    return flags


def ocr_uncertain(extraction: Extraction) -> list[Flag]:
    """A citation read by OCR with low confidence or a repaired digit slip goes to review."""
    from checks.ocr import low_confidence_threshold

    threshold = low_confidence_threshold()
    flags = []
    for citation in extraction.citations:
        confidence = citation.location.confidence
        low = confidence is not None and confidence < threshold
        slips = [note.split(":", 1)[1] for note in citation.notes if note.startswith("ocr_digit:")]
        if not (low or slips):
            continue
        reasons = []
        if low:
            reasons.append(f"độ tin cậy OCR {confidence:.0f}/100")
        if slips:
            reasons.append("đã sửa " + ", ".join(slips))
        flags.append(
            make_flag(
                "citation_ocr_uncertain",
                f"Văn bản {citation.id} đọc từ ảnh quét: " + "; ".join(reasons) + ".",
                citation=citation.id,
                location=citation.location,
                evidence={"raw": citation.raw, "confidence": confidence, "repairs": slips},
            )
        )
    return flags


CHECKS: tuple[Callable[[Extraction], list[Flag]], ...] = (
    date_conflicts,
    reference_dates,
    year_mismatches,
    invalid_dates,
    after_report_date,
    symbol_orders,
    near_duplicates,
    type_mismatches,
    ocr_uncertain,
)


def check_citations(extraction: Extraction) -> list[Flag]:
    """All citation cross-checks over one extraction, in a stable order."""
    return [flag for check in CHECKS for flag in check(extraction)]

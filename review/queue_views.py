"""The queue page: open flags in review order, with facets that combine.

Facet counts are computed under the *other* active filters so a reviewer can narrow
to, say, every info flag of one rule in one province, and then accept that set at once
(``/bulk-accept``, after a confirmation with the count).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from review.queries import SEVERITY_LABELS, FlagView, list_flags
from review.reference import rule_title
from review.web import FILTER_KEYS, FILTER_NAMES, config_of, filters_of, login_required, matches, queue_url, render

QUEUE_STATUSES = [("open", "Chưa xử lý"), ("decided", "Đã xử lý"), ("all", "Tất cả")]


@login_required
async def queue(request: Request) -> Response:
    filters = filters_of(request)
    status = filters.get("status", "open")
    config = config_of(request)
    with config.sessions() as session:
        scope = list_flags(session, status=status)
        flags = [f for f in scope if matches(f, filters)]
    facets = {
        "severity": _facet(scope, filters, "severity", lambda f: [f.severity], SEVERITY_LABELS.get),
        "code": _facet(scope, filters, "code", lambda f: [f.code], rule_title),
        "province": _facet(scope, filters, "province", lambda f: [f.province or "—"], str),
    }
    facets["severity"].sort(key=lambda t: ["error", "warning", "info"].index(t[0])
                            if t[0] in ("error", "warning", "info") else 9)
    active = [(FILTER_NAMES[k], v) for k, v in filters.items() if k != "status"]

    def filter_url(**changes: str | None) -> str:
        return queue_url({**filters, **changes})  # type: ignore[dict-item]

    narrowed = {k: v for k, v in filters.items() if k != "status"}
    open_matching = sum(1 for f in flags if f.status == "open")

    return render(request, "queue.html", {
        "nav": "queue",
        "flags": flags,
        "facets": facets,
        "filters": {"status": status, **{k: filters.get(k) for k in FILTER_KEYS if k != "status"}},
        "statuses": QUEUE_STATUSES,
        "active_filters": active,
        "filter_url": filter_url,
        "bulk_url": "/bulk-accept" + queue_url(narrowed)[1:] if narrowed and open_matching else None,
        "bulk_count": open_matching,
    })


def _facet(
    scope: list[FlagView],
    filters: dict[str, str],
    key: str,
    values: Callable[[FlagView], list[str]],
    label: Callable[[str], str | None],
) -> list[tuple[str, str, int]]:
    """Counts for one facet under the *other* active filters (so they can combine)."""
    others = {k: v for k, v in filters.items() if k != key}
    counts: Counter[str] = Counter()
    for flag in scope:
        if matches(flag, others):
            counts.update(values(flag))
    return [(k, label(k) or k, n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]



"""Taking decisions from the browser: one flag, undo, and accepting a filtered set.

Destructive actions ask first: rejecting a reading and a correction that blanks a
figure show a confirmation page that repeats the form (``confirmed=1``); bulk accept
shows the count and the flags it will accept, and accepts exactly those (each at the
version shown, so a flag someone decided meanwhile is skipped, not overwritten).
Undo (``u``) takes back the reviewer's own last decision that nobody changed since.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from review.decisions import DecisionError, VersionConflict, accept_many, decide, parse_number, undo, undoable
from review.flag_views import flag_context, neighbours
from review.queries import get_flag, list_flags
from review.reference import indicator_label, rule_title
from review.web import (
    FILTER_NAMES,
    config_of,
    error,
    field_text,
    filters_of,
    flag_url,
    login_required,
    matches,
    not_found,
    queue_url,
    render,
)

BULK_LIMIT = 2000  # one confirmation page lists at most this many flags


def _change(form) -> dict:
    return {
        "value": parse_number(field_text(form, "value")),
        "rate": parse_number(field_text(form, "rate")),
        "indicator": field_text(form, "indicator"),
        "lines": tuple(str(v) for v in form.getlist("lines") if v),
        "blank_value": form.get("blank_value") == "1",
        "blank_rate": form.get("blank_rate") == "1",
        "note": field_text(form, "note"),
    }


def _needs_confirmation(action: str, change: dict) -> bool:
    return action == "reject" or (action == "correct" and (change["blank_value"] or change["blank_rate"]))


@login_required
async def decide_flag(request: Request) -> Response:
    flag_id = request.path_params["flag_id"]
    form = request.state.form
    filters = filters_of(request)
    config = config_of(request)
    action = str(form.get("action", ""))
    try:
        expected = int(str(form.get("version", "")))
    except ValueError:
        return error(request, 400, "Thiếu phiên bản", "Biểu mẫu thiếu số phiên bản của cảnh báo.")
    try:
        change = _change(form)
        with config.sessions.begin() as session:
            flag = get_flag(session, flag_id)
            if flag is None:
                return not_found(request)
            if _needs_confirmation(action, change) and form.get("confirmed") != "1":
                return _confirm_page(request, flag, action, change, form)
            decide(session, flag.key, action, request.state.user, expected_version=expected,
                   channel="web", **change)
    except VersionConflict as exc:
        return error(request, 409, "Xung đột quyết định", str(exc), link=flag_url(flag_id, filters),
                     link_text="Tải lại cảnh báo")
    except DecisionError as exc:
        return _flag_with_error(request, flag_id, filters, form, str(exc))
    return RedirectResponse(_next_target(request, flag_id, filters), status_code=303)


def _next_target(request: Request, flag_id: int, filters: dict[str, str]) -> str:
    with config_of(request).sessions() as session:
        ordered = [f for f in list_flags(session, status="all") if matches(f, filters)]
    ids = [f.id for f in ordered]
    open_ids = [f.id for f in ordered if f.status == "open"]
    _, next_id = neighbours(ids, open_ids, flag_id)
    return flag_url(next_id, filters) if next_id else queue_url(filters)


def _confirm_page(request: Request, flag, action: str, change: dict, form) -> Response:
    lines = change["lines"] or flag.indicator_codes
    if action == "reject":
        what = ("Đánh dấu cách đọc là SAI cho " + (", ".join(lines) if lines else "cảnh báo này")
                + ". Số liệu vẫn giữ như đã đọc (được đánh dấu khi xuất); muốn để trống hay thay số "
                "thì dùng «Sửa số liệu».")
    else:
        line = change["indicator"] or flag.suspect or (flag.indicator_codes[0] if flag.indicator_codes else "")
        blanked = [name for name, key in (("số lượng", "blank_value"), ("tỉ lệ", "blank_rate")) if change[key]]
        what = f"Để TRỐNG {' và '.join(blanked)} của dòng {line} {indicator_label(line)} khi xuất."
    fields = [(k, str(v)) for k, v in form.multi_items() if k not in ("csrf_token", "confirmed")]
    return render(request, "confirm.html", {
        "nav": "queue", "flag": flag, "what": what, "fields": fields,
        "action_url": str(request.url.path) + queue_url(filters_of(request))[1:],
        "back_url": flag_url(flag.id, filters_of(request)),
    })


def _flag_with_error(request: Request, flag_id: int, filters: dict[str, str], form, message: str) -> Response:
    """The flag page again, with the reason and what the reviewer typed kept."""
    with config_of(request).sessions() as session:
        flag = get_flag(session, flag_id)
        if flag is None:
            return not_found(request)
        context = flag_context(request, session, flag, filters)
    context["error"] = message[:1].upper() + message[1:] + "."
    context["typed"] = {k: field_text(form, k) or "" for k in ("note", "value", "rate")}
    if "indicator" in form:
        context["default_line"] = field_text(form, "indicator")
    if form.getlist("lines"):
        context["chosen_lines"] = [str(v) for v in form.getlist("lines")]
    return render(request, "flag.html", context, status_code=400)


@login_required
async def undo_last(request: Request) -> Response:
    """Undo the reviewer's last decision still in force; show that flag again."""
    config = config_of(request)
    user = request.state.user
    try:
        with config.sessions.begin() as session:
            entry = undoable(session, user)
            flag = get_flag(session, entry.flag_id) if entry and entry.flag_id else None
            if entry is None or flag is None:
                return error(request, 409, "Không có gì để hoàn tác", "Bạn chưa có quyết định nào còn "
                             "hiệu lực để hoàn tác (hoặc người khác đã quyết định lại).", link="/",
                             link_text="Về hàng đợi")
            undo(session, entry, flag.key, user, "web")
            flag_id = flag.id
    except VersionConflict as exc:
        return error(request, 409, "Xung đột quyết định", str(exc), link="/", link_text="Về hàng đợi")
    return RedirectResponse(flag_url(flag_id, filters_of(request)), status_code=303)


def _bulk_scope(request: Request, filters: dict[str, str]):
    with config_of(request).sessions() as session:
        return [f for f in list_flags(session, status="open") if matches(f, filters)]


@login_required
async def bulk_accept(request: Request) -> Response:
    """GET: what a bulk accept of the filtered open flags would do; POST: do it."""
    filters = {k: v for k, v in filters_of(request).items() if k != "status"}
    if not filters:
        return error(request, 400, "Cần lọc trước", "Chấp nhận hàng loạt chỉ áp dụng cho một tập đã lọc "
                     "(theo mức độ, quy tắc, tỉnh hoặc chỉ tiêu).", link="/", link_text="Về hàng đợi")
    if request.method == "GET":
        flags = _bulk_scope(request, filters)
        return render(request, "bulk.html", {
            "nav": "queue", "flags": flags[:BULK_LIMIT], "count": len(flags),
            "too_many": len(flags) > BULK_LIMIT, "filters_text": [(FILTER_NAMES[k], _label(k, v))
                                                                  for k, v in filters.items()],
            "seen": ",".join(f"{f.id}:{f.version}" for f in flags[:BULK_LIMIT]),
            "action_url": "/bulk-accept" + queue_url(filters)[1:], "back_url": queue_url(filters),
        })
    seen = _parse_seen(str(request.state.form.get("seen", "")))
    wanted = {f.id: f for f in _bulk_scope(request, filters) if f.id in seen}
    with config_of(request).sessions.begin() as session:
        keys = [(f.key, seen[f.id]) for f in wanted.values()]
        accepted, skipped = accept_many(session, keys, request.state.user, "web",
                                        note=str(request.state.form.get("note") or "") or "chấp nhận hàng loạt")
    gone = len(seen) - len(wanted) + len(skipped)
    return render(request, "bulk_done.html", {
        "nav": "queue", "accepted": accepted, "skipped": gone, "back_url": queue_url({**filters}),
    })


def _label(key: str, value: str) -> str:
    return f"{value} ({rule_title(value)})" if key == "code" and rule_title(value) else value


def _parse_seen(text: str) -> dict[int, int]:
    """"12:0,13:2" → {12: 0, 13: 2}: the flags and versions the confirmation showed."""
    out: dict[int, int] = {}
    for part in text.split(",")[:BULK_LIMIT]:
        flag_id, _, version = part.partition(":")
        if flag_id.strip().isdigit() and version.strip().isdigit():
            out[int(flag_id)] = int(version)
    return out

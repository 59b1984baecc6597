"""Pictures for the national report: rate per province for a headline line, and the
provinces × lines completeness grid.  PNG bytes at 150 dpi (matplotlib, Agg backend).
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from outputs.neutral import vn_rate  # noqa: E402
from outputs.snapshot import Snapshot  # noqa: E402

HEADLINE_LINES = ("1a", "2a", "8a")
_STATES = ["Chưa báo cáo", "Không có số liệu", "Có số liệu", "Có cảnh báo", "Có lỗi"]
_COLOURS = ["#e7e6e6", "#bdd7ee", "#70ad47", "#ffc000", "#c00000"]


def _png(figure) -> bytes:  # noqa: ANN001
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def rate_chart(snapshot: Snapshot, code: str) -> bytes:
    """Horizontal bars: each unit's rate for ``code``; units without one are named as such."""
    line = next(line for line in snapshot.lines if line.code == code)
    names = [p.name for p in snapshot.provinces]
    rates = [(p.cells.get(code).rate if p.cells.get(code) else None) for p in snapshot.provinces]
    figure, axis = plt.subplots(figsize=(8, 9))
    positions = range(len(names))
    axis.barh(positions, [r or 0 for r in rates], color=["#2f5597" if r is not None else "#ffffff" for r in rates])
    for y, rate in zip(positions, rates, strict=True):
        label = vn_rate(rate) if rate is not None else "chưa có số liệu"
        axis.text((rate or 0) + 1, y, label, va="center", fontsize=7, color="#000" if rate is not None else "#888")
    national = snapshot.national[code].rate
    if national is not None:
        axis.axvline(national, color="#c00000", linestyle="--", linewidth=1)
        axis.text(national, -1.2, f"Cả nước {vn_rate(national)}", color="#c00000", fontsize=8, ha="center")
    axis.set_yticks(list(positions), names, fontsize=7)
    axis.invert_yaxis()
    axis.set_xlim(0, 118)
    axis.set_xlabel("Tỉ lệ (%)")
    axis.set_title(f"{code}. {line.label}", fontsize=10)
    axis.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def completeness_grid(snapshot: Snapshot) -> list[list[int]]:
    """State index per (province, line): see ``_STATES``."""
    grid = []
    for province in snapshot.provinces:
        row = []
        for line in snapshot.lines:
            cell = province.cells.get(line.code)
            if not province.reported:
                row.append(0)
            elif cell is None or (cell.value is None and cell.rate is None):
                row.append(1)
            else:
                severities = {f.severity for f in cell.flags}
                row.append(4 if "error" in severities else 3 if "warning" in severities else 2)
        grid.append(row)
    return grid


def completeness_chart(snapshot: Snapshot) -> bytes:
    grid = completeness_grid(snapshot)
    figure, axis = plt.subplots(figsize=(9, 10))
    axis.imshow(grid, cmap=ListedColormap(_COLOURS), vmin=0, vmax=len(_COLOURS) - 1, aspect="auto")
    axis.set_xticks(range(len(snapshot.lines)), [line.code for line in snapshot.lines], fontsize=7)
    axis.set_yticks(range(len(snapshot.provinces)), [p.name for p in snapshot.provinces], fontsize=7)
    axis.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False)
    axis.set_xticks([x - 0.5 for x in range(1, len(snapshot.lines))], minor=True)
    axis.set_yticks([y - 0.5 for y in range(1, len(snapshot.provinces))], minor=True)
    axis.grid(which="minor", color="white", linewidth=0.6)
    axis.tick_params(which="minor", length=0)
    handles = [Patch(color=c, label=s) for c, s in zip(_COLOURS, _STATES, strict=True)]
    axis.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=5, fontsize=7, frameon=False)
    axis.set_title("Mức độ đầy đủ số liệu Phụ lục 2 theo tỉnh, thành phố và chỉ tiêu", fontsize=10, pad=18)
    return _png(figure)

"""Every ``BAOCAO_*`` environment variable, read in one place.

Why one object: the variables used to be read wherever they were needed, so nobody could
list them and the README drifted.  :func:`load` reads the environment each time it is
called (cheap; tests change variables with ``monkeypatch``); callers read the field they
need.  The README's settings table is rendered from the field docs below
(``python -m baocao.settings``) and a test keeps the two in agreement.

This module is on the bottom floor: it imports nothing from the project.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

DEFAULT_STORE = "baocao-data"


def _setting(env: str, doc: str, default: object = None) -> object:
    return field(default=default, metadata={"env": env, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """The run's configuration; every field is one ``BAOCAO_*`` variable (unset: the default)."""

    store: str = _setting("BAOCAO_STORE", "Thư mục kho dữ liệu (mặc định `./baocao-data`; `--store` thắng).",
                          DEFAULT_STORE)  # fmt: skip
    db_url: str | None = _setting("BAOCAO_DB_URL", "URL SQLAlchemy của kho, ví dụ PostgreSQL "
                                  "(`postgresql+psycopg://…`), thay cho `<store>/baocao.db`.")  # fmt: skip
    engine: str = _setting("BAOCAO_ENGINE", "`prefect` (mặc định) hoặc `plain`: chạy không qua Prefect "
                           "như `--no-prefect`.", "prefect")  # fmt: skip
    task_runner: str = _setting("BAOCAO_TASK_RUNNER", "`threads` (mặc định) hoặc `dask` (cần prefect-dask).",
                                "threads")  # fmt: skip
    dask_address: str | None = _setting("BAOCAO_DASK_ADDRESS", "Địa chỉ bộ lập lịch Dask có sẵn "
                                        "(không đặt: tạo cụm cục bộ).")  # fmt: skip
    workers: int | None = _setting("BAOCAO_WORKERS", "Số tiến trình con đọc tài liệu song song "
                                   "(mặc định: số lõi CPU dùng được; `run --workers N` thắng).")  # fmt: skip
    lock_wait_s: float | None = _setting("BAOCAO_LOCK_WAIT_S", "Số giây chờ khi một lượt khác đang chạy trên "
                                         "cùng cơ sở dữ liệu (mặc định 0: từ chối ngay).")  # fmt: skip
    sandbox_start: str = _setting("BAOCAO_SANDBOX_START", "`forkserver` (mặc định: tiến trình con tách ra từ "
                                  "một máy chủ đã nạp sẵn pipeline) hoặc `spawn`.", "forkserver")  # fmt: skip
    spare_core: str | None = _setting("BAOCAO_SPARE_CORE", "`1`: một tệp dài được đọc trên hai lõi (hai tiến "
                                      "trình con); `baocao extract` tự đặt khi máy có từ hai lõi, lượt chạy "
                                      "lô thì không (các tiến trình con đã dùng hết các lõi).")  # fmt: skip
    mem_mb: float | None = _setting("BAOCAO_MEM_MB", "Trần bộ nhớ của tiến trình con xử lý một tệp, MB "
                                    "(mặc định 1024).")  # fmt: skip
    cpu_s: float | None = _setting("BAOCAO_CPU_S", "Trần thời gian CPU cho một tệp, giây (mặc định 60).")
    timeout_s: float | None = _setting("BAOCAO_TIMEOUT_S", "Trần thời gian thực cho một tệp, giây "
                                       "(mặc định 120).")  # fmt: skip
    inbox: str | None = _setting("BAOCAO_INBOX", "Thư mục hộp thư mặc định của `baocao serve`.")
    review_secret: str | None = _setting("BAOCAO_REVIEW_SECRET", "Khoá ký cookie của ứng dụng rà soát "
                                         "(không đặt: tạo và giữ trong kho).")  # fmt: skip
    review_idle_minutes: int = _setting("BAOCAO_REVIEW_IDLE_MINUTES", "Phiên rà soát hết hạn sau bấy nhiêu phút "
                                        "không thao tác (mặc định 30).", 30)  # fmt: skip
    review_max_hours: int = _setting("BAOCAO_REVIEW_MAX_HOURS", "Phiên rà soát hết hạn sau bấy nhiêu giờ kể từ "
                                     "khi đăng nhập, dù vẫn thao tác (mặc định 12).", 12)  # fmt: skip
    review_https: str | None = _setting("BAOCAO_REVIEW_HTTPS", "`1`: ứng dụng rà soát được phục vụ qua HTTPS "
                                        "(cookie `Secure`, HSTS), như `baocao review --https`.")  # fmt: skip
    review_proxy: str | None = _setting("BAOCAO_REVIEW_PROXY", "Địa chỉ IP của proxy ngược được tin (tách bằng "
                                        "dấu phẩy): chỉ từ đó mới đọc `X-Forwarded-Proto`/`X-Forwarded-For`; "
                                        "như `baocao review --proxy`.")  # fmt: skip
    ocr_dpi: int = _setting("BAOCAO_OCR_DPI", "Độ phân giải (dpi) khi dựng ảnh trang PDF không có lớp chữ để "
                            "nhận dạng ký tự (OCR), mặc định 300.", 300)  # fmt: skip
    ocr_workers: int = _setting("BAOCAO_OCR_WORKERS", "Số trang OCR cùng lúc trong một tệp (mặc định 2, "
                                "không quá số lõi).", 2)  # fmt: skip
    ocr_min_confidence: float = _setting("BAOCAO_OCR_MIN_CONFIDENCE", "Dưới độ tin cậy OCR này (0–100) "
                                         "một số liệu bị gắn cờ `ocr_low_confidence` để rà soát "
                                         "(mặc định 60).", 60.0)  # fmt: skip
    soffice_timeout_s: float = _setting("BAOCAO_SOFFICE_TIMEOUT", "Trần thời gian (giây) để LibreOffice "
                                        "chuyển một tệp .doc/.rtf/.odt/.xls/.ods (mặc định 120).",
                                        120.0)  # fmt: skip

    @property
    def store_path(self) -> Path:
        return Path(self.store)

    @property
    def uses_spare_core(self) -> bool:
        """Whether one document may be worked on by two processes (``baocao.forked``)."""
        return (self.spare_core or "").strip() == "1"


def _convert(kind: str, raw: str) -> object:
    """The typed value of one variable; a malformed number counts as unset, not as 0."""
    if "int" in kind:
        raw = raw.strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else None
    if "float" in kind:
        try:
            return float(raw)
        except ValueError:
            return None
    return raw


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from the environment (``os.environ`` unless given); empty means unset."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for item in fields(Settings):
        raw = env.get(item.metadata["env"])
        if raw:
            values[item.name] = _convert(str(item.type), raw)
    return Settings(**{k: v for k, v in values.items() if v is not None})


def markdown_table() -> str:
    """The README's settings table, from the field docs."""
    lines = ["| Biến | Ý nghĩa |", "|---|---|"]
    lines += [f"| `{item.metadata['env']}` | {item.metadata['doc']} |" for item in fields(Settings)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")

"""A small record store with two provinces' reports and their flags, for review tests.

Built through the store's own tables (store.schema) so the tests exercise the same
queries the app runs on real data.  One flag message carries injected markup.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from review import auth
from store.db import open_engine, session_scope
from store.schema import Document, Flag, IndicatorValue, Source

PASSWORD = "mat-khau-rat-dai-1"
XSS = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">"


@dataclass
class Fixture:
    engine: Engine
    store: Path
    flag_ids: dict[str, int]
    sha: dict[str, str]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _document(session, province: str, name: str, received: datetime, values, flags) -> tuple[str, dict]:
    sha = _sha(name)
    session.add(Source(sha256=sha, size=100, format="txt", name=name, path=name, fate="processed"))
    session.flush()
    document = Document(
        source_sha256=sha, source_path=name, name=name, format="txt", province=province,
        received_at=received, extraction={},
    )
    session.add(document)
    session.flush()
    for position, (code, value, rate, raw) in enumerate(values):
        session.add(IndicatorValue(
            document_id=document.id, position=position, indicator=code, label=f"Dòng {code}",
            value=value, rate=rate, raw=raw, location={"line": 10 + position},
        ))
    ids = {}
    for key, code, severity, message, indicator, indicators in flags:
        flag = Flag(
            fingerprint=_sha(f"{sha}/{key}"), document_id=document.id, province=province,
            code=code, severity=severity, message=message, indicator=indicator,
            indicators=indicators, evidence={"raw": message}, location={"line": 12},
        )
        session.add(flag)
        session.flush()
        ids[key] = flag.id
    return sha, ids


def build_store(folder: Path) -> Fixture:
    engine = open_engine(folder)
    with session_scope(engine) as session:
        sha_hp, ids_hp = _document(
            session, "Hải Phòng", "haiphong.txt", datetime(2025, 11, 10, tzinfo=UTC),
            [
                ("1a", 51608, 97.1, "- Tổng số giáo viên có máy tính: 51.608, đạt tỉ lệ: 97,1%"),
                ("1c", 5300, 100.0, "- Tổng số giáo viên có đường truyền Internet: 5300 đạt tỉ lệ 100%"),
                ("2a", 69511, 81.9, "- Tổng số học sinh có máy tính: 69511, đạt tỉ lệ: 81,9%"),
            ],
            [
                ("pop", "population_inconsistent", "warning",
                 "Các dòng về giáo viên suy ra tổng số khác nhau", None, ["1a", "1c"]),
                ("fmt", "number_format_unusual", "info", "Tỉ lệ viết \"32.86 %\"", "2a", None),
                ("xss", "parse_unsure", "error", "Dòng lạ " + XSS, "1c", None),
            ],
        )
        sha_qn, ids_qn = _document(
            session, "Quảng Ninh", "quangninh.txt", datetime(2025, 11, 12, tzinfo=UTC),
            [("1a", 20000, 99.0, "- Tổng số giáo viên có máy tính: 20.000, đạt tỉ lệ: 99%"),
             ("1c", None, None, "- Tổng số giáo viên có đường truyền Internet: ......")],
            [("unf", "value_unfilled", "warning", "Dòng 1c chưa điền số liệu", "1c", None)],
        )
        auth.add_user(session, "lan", PASSWORD)
        auth.add_user(session, "minh", PASSWORD)
    return Fixture(
        engine=engine, store=folder,
        flag_ids={**{f"hp_{k}": v for k, v in ids_hp.items()}, **{f"qn_{k}": v for k, v in ids_qn.items()}},
        sha={"Hải Phòng": sha_hp, "Quảng Ninh": sha_qn},
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    """argon2 at minimum cost in tests: the real parameters are slow on purpose."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture()
def review_store(tmp_path: Path) -> Fixture:
    return build_store(tmp_path / "store")

"""One settings object: every BAOCAO_* variable is a documented field, read only there."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from baocao import settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("baocao", "normalizers", "gazetteer", "readers", "extractors", "checks", "store", "review", "flows", "outputs")
ENV_NAMES = {item.metadata["env"] for item in fields(settings.Settings)}


def test_readme_table_is_rendered_from_the_field_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- settings:begin -->\n", 1)[1].split("<!-- settings:end -->", 1)[0]
    assert block == settings.markdown_table()


def test_every_variable_named_in_the_package_or_readme_is_a_field() -> None:
    texts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    named = {name for text in texts for name in re.findall(r"BAOCAO_[A-Z_]+[A-Z]", text)}
    assert named - ENV_NAMES == set()
    assert named >= ENV_NAMES  # and no field that nothing documents


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = [
        str(path.relative_to(ROOT))
        for pkg in PACKAGES
        for path in (ROOT / pkg).rglob("*.py")
        if path != ROOT / "baocao" / "settings.py"
        and re.search(r"(environ\.get\(|getenv\(|environ\[)\s*[\"']BAOCAO_\w+[\"']\s*(?!\]\s*=[^=])", path.read_text(encoding="utf-8"))
    ]
    assert readers == []


@pytest.mark.parametrize(
    ("environ", "field", "expected"),
    [
        ({}, "store", "baocao-data"),
        ({"BAOCAO_STORE": "/data/kho"}, "store", "/data/kho"),
        ({"BAOCAO_STORE": ""}, "store", "baocao-data"),  # empty means unset
        ({"BAOCAO_WORKERS": "3"}, "workers", 3),
        ({"BAOCAO_WORKERS": "0"}, "workers", None),  # not a worker count: the default applies
        ({"BAOCAO_WORKERS": "ba"}, "workers", None),
        ({"BAOCAO_MEM_MB": "512"}, "mem_mb", 512.0),
        ({"BAOCAO_TIMEOUT_S": "abc"}, "timeout_s", None),
        ({"BAOCAO_ENGINE": "plain"}, "engine", "plain"),
        ({}, "task_runner", "threads"),
        ({"BAOCAO_DB_URL": "postgresql+psycopg://u@h/db"}, "db_url", "postgresql+psycopg://u@h/db"),
    ],
)
def test_load_reads_typed_values(environ: dict[str, str], field: str, expected: object) -> None:
    assert getattr(settings.load(environ), field) == expected


def test_settings_are_read_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAOCAO_INBOX", "/hop-thu")
    assert settings.load().inbox == "/hop-thu"
    monkeypatch.delenv("BAOCAO_INBOX")
    assert settings.load().inbox is None

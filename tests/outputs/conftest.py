"""A store built the way a user builds it: `run` over the sample mailbox and over a
generated folder of reports from several more provinces."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str):  # noqa: ANN201 - a module
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from flows.batch import run_batch

    inbox = load_script("build_mailbox").build(tmp_path_factory.mktemp("mailbox") / "inbox")
    generated = load_script("build_province_mailbox").build(tmp_path_factory.mktemp("generated") / "inbox")
    store = tmp_path_factory.mktemp("store")
    run_batch(inbox, store)
    run_batch(generated, store)
    return store

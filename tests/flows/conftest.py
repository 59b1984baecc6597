from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _builder():
    spec = importlib.util.spec_from_file_location("build_mailbox", ROOT / "scripts" / "build_mailbox.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def mailbox_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the sample mailbox, built by the same script as samples/mailbox."""
    return _builder().build(tmp_path_factory.mktemp("mailbox") / "inbox")


@pytest.fixture(scope="session")
def processed_store(mailbox_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The mailbox run once (plain core) into a store; (store, first summary)."""
    from flows.batch import run_batch

    store = tmp_path_factory.mktemp("store")
    return store, run_batch(mailbox_dir, store)

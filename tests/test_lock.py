"""requirements.lock: every pyproject dependency pinned, inside its range; the check catches drift."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _lock_module():
    spec = importlib.util.spec_from_file_location("lock", ROOT / "scripts" / "lock.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_every_project_dependency_is_locked_within_its_range() -> None:
    lock = _lock_module()
    pins = lock.read_lock(ROOT / "requirements.lock")
    requirements = lock.project_requirements(ROOT / "pyproject.toml")
    assert {r.name for r in requirements} >= {"prefect", "sqlalchemy", "fastapi", "prefect-dask", "pytest"}
    assert lock.problems(pins, requirements) == []
    assert "baocao" not in pins and "pip" not in pins


@pytest.mark.parametrize(
    ("pins", "requirement", "expected"),
    [
        ({"sqlalchemy": "2.1.9"}, "sqlalchemy>=2.0,<2.1", "sqlalchemy==2.1.9 does not satisfy '<2.1,>=2.0'"),
        ({"fastapi": "0.154.0"}, "fastapi>=0.139,<0.150", "fastapi==0.154.0 does not satisfy '<0.150,>=0.139'"),
        ({}, "prefect-dask>=0.3", "prefect-dask: not in requirements.lock"),
        ({"psycopg": "3.2.1"}, "psycopg[binary]>=3.1", None),
        ({"prefect_dask": "0.3.7"}, "Prefect-Dask>=0.3", None),  # names compared canonically
    ],
)
def test_check_reports_drift(pins: dict[str, str], requirement: str, expected: str | None) -> None:
    lock = _lock_module()
    pins = {lock.canonicalize_name(name): version for name, version in pins.items()}
    assert lock.problems(pins, [Requirement(requirement)]) == ([expected] if expected else [])


def test_check_command_exit_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = _lock_module()
    assert lock.main(["--check"]) == 0
    stale = tmp_path / "requirements.lock"
    stale.write_text("sqlalchemy==2.1.9\n")
    monkeypatch.setattr(lock, "LOCK", stale)
    assert lock.main(["--check"]) == 1


def test_setup_installs_the_lock_then_the_project_without_deps() -> None:
    script = (ROOT / "scripts" / "setup.sh").read_text()
    lock_install = script.index("pip install --quiet -r requirements.lock")
    assert script.index("scripts/lock.py --check") < lock_install < script.index('--no-deps -e ".[test]"')

"""Helpers for tests that act as a user: run the ``baocao`` command, load a build script."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*argv: str) -> list[str]:
    """``baocao ARGV`` in a child process; its stdout lines (a non-zero exit fails the test)."""
    done = subprocess.run([sys.executable, "-m", "baocao", *argv], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def load_script(name: str) -> ModuleType:
    """A script of ``scripts/`` (not a package) as a module, e.g. a sample builder."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module

#!/usr/bin/env bash
# Set up baocao on a fresh machine: a virtualenv in .venv with the project and its test
# tools, at the versions CI tested (requirements.lock).  Needs only Python 3.11 and the
# package registries.  Idempotent and quick when everything is already installed.
#
# The lock is installed first, then baocao itself without resolving again (--no-deps).
# When requirements.lock no longer satisfies pyproject.toml (someone changed a
# dependency and did not re-run `python scripts/lock.py`), it says so and installs from
# pyproject.toml's ranges instead: newest versions, not the tested ones.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the project metadata or the lock changed since the last install.
stamp=.venv/.baocao-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  if .venv/bin/python scripts/lock.py --check; then
    echo "==> installing the locked dependencies (requirements.lock) and baocao into .venv"
    .venv/bin/python -m pip install --quiet -r requirements.lock
    .venv/bin/python -m pip install --quiet --no-deps -e ".[test]"
  else
    echo "==> WARNING: requirements.lock is out of date with pyproject.toml (reasons above);"
    echo "    installing from pyproject.toml's version ranges instead (not the tested versions)."
    echo "    Fix: install, run scripts/test.sh, then 'python scripts/lock.py' and commit the lock."
    .venv/bin/python -m pip install --quiet -e ".[test]"
  fi
  touch "$stamp"
fi
# Bytecode for baocao's own modules.  pip writes it for an ordinary install, not for an
# editable one; and where PYTHONDONTWRITEBYTECODE is set (many CI and container images,
# this machine included) Python never writes it either, so every command would compile
# ~250 modules from source again: ~0.13 s of `baocao extract`'s start-up, measured.
# compileall skips modules whose bytecode is current, so a re-run costs a few ms.
.venv/bin/python -m compileall -q -j 0 baocao readers extractors normalizers gazetteer \
  checks store flows review outputs >/dev/null

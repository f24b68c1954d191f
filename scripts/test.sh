#!/usr/bin/env bash
# Set up (if needed), check the code (ruff: lint and import order; mypy: types of src/), and run
# the test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"

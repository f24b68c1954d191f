#!/usr/bin/env bash
# Set up (if needed) and run the seed example on the bundled sample image.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python examples/seed.py "$@"

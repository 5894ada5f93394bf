#!/usr/bin/env bash
# Quick start: installs what is missing, makes sure Redis answers, uses embedded PGlite in ./data
# when DATABASE_URL is unset, applies migrations, loads the bundled knowledge base on first run
# and serves http://localhost:${PORT:-3000}. Ctrl-C shuts down cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_node
ensure_deps
ensure_redis
if [ -z "${DATABASE_URL:-}" ]; then
  say "DATABASE_URL is unset: using the embedded PGlite database in ${DATA_DIR:-./data}/pglite"
fi
say "starting motcua (first start loads 2,642 procedures; this takes a few seconds)"
exec node --import tsx app/main.ts "${1:-all}"

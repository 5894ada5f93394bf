#!/usr/bin/env bash
# Installs what the tests need (npm packages, Redis, PostgreSQL client settings, Debian chromium),
# then runs the formatter/linter, the type checker and the whole test suite against the real Redis,
# the real PostgreSQL server, embedded PGlite and a real browser.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_node
ensure_deps
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
ensure_redis
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
ensure_postgres "$TEST_DATABASE_URL"
ensure_chromium

say "lint and format check (biome)"
npx biome check .
say "type check (tsc)"
npx tsc --noEmit -p .
say "tests (vitest)"
npx vitest run "$@"

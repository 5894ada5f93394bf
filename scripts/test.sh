#!/usr/bin/env bash
# Installs what the tests need (npm packages, Redis, PostgreSQL client settings, Debian chromium),
# then runs the formatter/linter, the type checker and the whole test suite against the real Redis,
# the real PostgreSQL server, embedded PGlite and a real browser.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_test_services

say "lint and format check (biome)"
npx biome check .
say "type check (tsc)"
npx tsc --noEmit -p .
say "tests (vitest)"
npx vitest run "$@"
# The whole suite (no arguments) also proves no test or code depends on today's date or the zone.
if [ $# -eq 0 ]; then
  say "tests that involve dates, on a clock moved a year ahead in New York's time zone (faketime)"
  bash scripts/test-clock.sh
fi

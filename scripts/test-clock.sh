#!/usr/bin/env bash
# Runs the tests that involve dates with this process's clock moved more than a year ahead (Debian's
# libfaketime) and the machine in New York's time zone: a test or code path that reads today's date,
# the year or the local zone instead of the clock it was given fails here. The PostgreSQL and Redis
# servers keep the real time, so code mixing SQL now() with the process clock fails here too.
# Usage: bash scripts/test-clock.sh [test files or folders instead of all date folders];
# CLOCK_SHIFT (default +400d) is how far the clock moves.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_test_services
ensure_faketime

shift_by="${CLOCK_SHIFT:-+400d}"
export TZ=America/New_York
# Timers, performance.now() and vitest's worker pool run on the real monotonic clock (a faked one
# stalls them); only the wall clock moves.
export FAKETIME_DONT_FAKE_MONOTONIC=1 DONT_FAKE_MONOTONIC=1
# Chromium crashes under libfaketime: the browser runs on the real clock, like a citizen's phone
# whose clock is not the server's (pages are rendered by the server, on the moved clock).
wrapper_dir=$(mktemp -d)
trap 'rm -rf "$wrapper_dir"' EXIT
printf '#!/bin/sh\nunset LD_PRELOAD FAKETIME\nexec %q "$@"\n' "${CHROMIUM_PATH:-/usr/bin/chromium}" >"$wrapper_dir/chromium"
chmod +x "$wrapper_dir/chromium"
export CHROMIUM_PATH="$wrapper_dir/chromium"
# The folders whose tests involve dates (the knowledge base has none).
folders=(test/app test/bot test/db test/feedback test/scripts test/web test/workers)
[ $# -gt 0 ] && folders=("$@")
say "tests that involve dates, clock moved $shift_by ($(faketime -f "$shift_by" date -u +%Y-%m-%d)), TZ=$TZ"
faketime -m -f "$shift_by" npx vitest run "${folders[@]}"

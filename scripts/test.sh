#!/usr/bin/env bash
# Runs the whole test suite: type check (server and web apps), then every test file with Node's test
# runner. Storage tests run against both PGlite (in-process) and a real PostgreSQL server; browser
# tests (test/web/) drive Debian's Chromium against the apps `npm ci` built into dist/web.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-postgres.sh
bash scripts/ensure-chromium.sh
npx tsc --noEmit
npx tsc -p web
mapfile -t files < <(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"

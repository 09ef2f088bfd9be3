#!/usr/bin/env bash
# Runs the whole test suite: type check, then every test file with Node's test runner.
# Storage tests run against both PGlite (in-process) and a real PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-postgres.sh
npx tsc --noEmit
mapfile -t files < <(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"

#!/usr/bin/env bash
# `npm test`: the whole suite (unit, end-to-end over HTTP, browser) on real services,
# isolated from the demo data: its own PostgreSQL schema and its own Redis key prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

ensure_npm_deps
ensure_postgres tremplin
ensure_redis
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then apt_install chromium; fi
build_app

export DB_SCHEMA="${DB_SCHEMA:-tremplin_test}"
export REDIS_PREFIX="${REDIS_PREFIX:-tremplin-test}"
log "running the test suite (schema $DB_SCHEMA)"
# Two workers on the 2-core machine: jest's default (cores − 1) ran the files one by one, and the
# suite passed 15 minutes once every statement carried its structure (row-level security, issue 19).
# The specs share one schema and one Redis prefix and keep their data apart by structure.
npx jest --ci --maxWorkers=2 "$@"

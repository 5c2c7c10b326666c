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
npx jest --ci "$@"

#!/usr/bin/env bash
# `npm run bench`: the benchmark and load suite (issue 8), on its own PostgreSQL schema and Redis
# prefix so it never touches the demo or test data. Options go to src/bench/run.ts:
#   npm run bench -- --scale=0.1 --duration=10 --reuse
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

given_smtp="${SMTP_URL:-}"
load_dotenv
# The development catcher of .env may not be running: without an SMTP_URL given here, the
# benchmark starts a catcher of its own.
if [ -z "$given_smtp" ]; then unset SMTP_URL; fi
ensure_npm_deps
ensure_postgres tremplin
ensure_redis
build_app

export DB_SCHEMA="${BENCH_DB_SCHEMA:-tremplin_bench}"
export REDIS_PREFIX="${BENCH_REDIS_PREFIX:-tremplin-bench}"
export APP_BASE_URL="${APP_BASE_URL:-http://localhost:3000}"
export SESSION_SECRET="${SESSION_SECRET:-$(node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
log "migrating the benchmark schema $DB_SCHEMA"
SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:1}" node dist/src/database/migrate.js  # migrating sends no mail
log "running the benchmark (a few minutes; progress below, results on stdout)"
exec node dist/src/bench/run.js "$@"

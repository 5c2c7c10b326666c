#!/usr/bin/env bash
# `npm run up`: everything a newcomer needs, from a fresh machine to a running app with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

ensure_npm_deps
ensure_postgres tremplin
ensure_redis
build_app

log "migrating the database"
node dist/src/database/migrate.js

log "seeding the demo structure"
node dist/src/database/seed.js

log "starting API, worker and SMTP catcher (Ctrl-C stops them)"
exec node dist/src/dev/run-all.js

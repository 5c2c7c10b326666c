#!/usr/bin/env bash
# `npm run up`: from a fresh machine to a running app with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

load_dotenv
ensure_npm_deps
ensure_postgres tremplin
ensure_redis
if [ -z "${SMTP_URL:-}" ]; then
  # No mail server given: the project's own catcher receives every e-mail (inbox page on 1080).
  export SMTP_URL="smtp://127.0.0.1:1025"
  export MAIL_CATCHER_URL="${MAIL_CATCHER_URL:-http://127.0.0.1:1080}"
fi
if [ -z "${SMS_URL:-}" ]; then
  # No SMS provider given: the project's own SMS catcher answers Brevo's API (inbox page on 1081).
  export SMS_URL="http://127.0.0.1:1081"
  export SMS_CATCHER_URL="${SMS_CATCHER_URL:-$SMS_URL}"
fi
if [ -z "${COMPANY_DIRECTORY_URL:-}" ]; then
  # No company directory given: the project's own server answers with recorded « Recherche d'entreprises » results (1082).
  export COMPANY_DIRECTORY_URL="http://127.0.0.1:1082"
fi
export PORT="${PORT:-3000}"
export APP_BASE_URL="${APP_BASE_URL:-http://localhost:$PORT}"
export SESSION_SECRET="${SESSION_SECRET:-$(node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")}"

if [ ! -f .env ]; then
  log "writing .env (used by npm run start:api / start:worker; the environment overrides it)"
  umask 077
  {
    echo "# Written by npm run up on $(date -u +%F). Variables set in the environment take precedence."
    for name in DATABASE_URL REDIS_URL SMTP_URL MAIL_CATCHER_URL SMS_URL SMS_CATCHER_URL COMPANY_DIRECTORY_URL APP_BASE_URL PORT SESSION_SECRET; do
      [ -n "${!name:-}" ] && echo "$name=${!name}"
    done
  } > .env
fi

build_app
log "migrating the database"
node dist/src/database/migrate.js
log "seeding the demo structure"
node dist/src/database/seed.js

log "starting API, worker, SMTP and SMS catchers, recorded company directory (Ctrl-C stops them)"
exec node dist/src/dev/run-all.js

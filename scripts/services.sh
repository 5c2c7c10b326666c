#!/usr/bin/env bash
# Shared bootstrap for `npm run up` and `npm run test:all`: makes PostgreSQL and Redis reachable
# (installing and starting local instances on loopback when no URL is given and nothing listens),
# and exports DATABASE_URL / REDIS_URL for the caller. Sourced, not executed.
set -euo pipefail

log() { printf '\033[1;34m[tremplin]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[tremplin]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* yourself, or set the matching URL variables"
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

wait_port() {
  local host=$1 port=$2 what=$3
  for _ in $(seq 1 60); do port_open "$host" "$port" && return 0; sleep 0.5; done
  die "$what did not start listening on $host:$port"
}

# ensure_postgres DB_NAME: sets DATABASE_URL to a local database when not given.
ensure_postgres() {
  local db=$1
  if [ -n "${DATABASE_URL:-}" ]; then
    log "PostgreSQL: using DATABASE_URL from the environment"
    return 0
  fi
  if ! port_open 127.0.0.1 5432; then
    if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql; fi
    local version
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
      log "creating PostgreSQL $version cluster"
      as_root pg_createcluster "$version" main >/dev/null
    fi
    log "starting PostgreSQL $version on 127.0.0.1:5432"
    as_root pg_ctlcluster "$version" main start
    wait_port 127.0.0.1 5432 PostgreSQL
  fi
  # Local server: make sure our role and database exist (idempotent).
  if command -v psql >/dev/null && id postgres >/dev/null 2>&1; then
    as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tremplin') THEN
    CREATE ROLE tremplin LOGIN PASSWORD 'tremplin';
  END IF;
END \$\$;
SQL
    if ! as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
      log "creating database $db"
      as_postgres createdb -O tremplin "$db"
    fi
  fi
  export DATABASE_URL="postgres://tremplin:tremplin@127.0.0.1:5432/$db"
}

ensure_redis() {
  if [ -n "${REDIS_URL:-}" ]; then
    log "Redis: using REDIS_URL from the environment"
    return 0
  fi
  if ! port_open 127.0.0.1 6379; then
    command -v redis-server >/dev/null || apt_install redis-server
    log "starting Redis on 127.0.0.1:6379"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
    wait_port 127.0.0.1 6379 Redis
  fi
  export REDIS_URL="redis://127.0.0.1:6379"
}

ensure_npm_deps() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

build_app() {
  log "compiling TypeScript"
  npm run -s build
}

# Exports the variables of .env that the environment does not already set (the environment wins).
load_dotenv() {
  [ -f .env ] || return 0
  while IFS='=' read -r key value; do
    case "$key" in ''|\#*) continue ;; esac
    if [ -z "${!key:-}" ]; then export "$key=$value"; fi
  done < .env
}

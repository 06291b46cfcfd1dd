#!/usr/bin/env bash
# Brings a fresh machine to the point where `pnpm test` and `pnpm start` work:
# pnpm, the workspace's packages, and a Redis server for the store tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9

ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 ||
    [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

ensure_redis() {
  local url="${REDIS_URL:-redis://127.0.0.1:6379}"
  if [ "$url" != "redis://127.0.0.1:6379" ]; then
    return 0
  fi
  if command -v redis-cli >/dev/null 2>&1 && redis-cli -p 6379 ping \
    >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq redis-server >/dev/null
  fi
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' \
    --appendonly no >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -p 6379 ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "setup: redis-server did not answer on 127.0.0.1:6379" >&2
  return 1
}

ensure_pnpm
pnpm install --frozen-lockfile
ensure_redis
bash scripts/ensure-chromium.sh

#!/usr/bin/env bash
# Load on POST /api/v1/jobs against a running app, with wrk (Debian: apt-get install wrk).
#   bench/api-load.sh [BASE_URL] [SECONDS] [CONNECTIONS]
# Registers a fresh user, logs in, warms up (WARMUP seconds, default 30: the JIT and the pools),
# then measures; prints req/s, p50/p90/p99
# and every status seen (all must be 201).
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
seconds=${2:-30}
connections=${3:-16}
warmup=${WARMUP:-30}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

email="load-$(date +%s%N)@example.com"
password='Str0ng-Passw0rd!'
curl -sf -XPOST "$base/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Load\",\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
ACCESS_TOKEN=$(curl -sf -XPOST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
export ACCESS_TOKEN
# CNPJs never repeat within a user; the base only has to differ between the two runs below
CNPJ_BASE=10000000 wrk -t2 -c"$connections" -d"${warmup}s" -s "$here/post-jobs.lua" "$base" >/dev/null
echo "POST /api/v1/jobs, $connections connections, ${seconds} s after a ${warmup} s warm-up:"
CNPJ_BASE=50000000 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/post-jobs.lua" "$base" | sed -n '/^requests /,$p'

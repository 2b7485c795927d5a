#!/usr/bin/env bash
# bench/cds_bench.sh: CDS Hooks patient-view under wrk.
#
#   bench/cds_bench.sh [--no-build] [--duration 15s] [--connections 16] [--server-threads 16]
#                      [--keep-alive-requests 1000] [--keep-alive-seconds 5] [--warmup 3s]
#
# The defaults configure the server as docs/server.md advises for an EHR's pool of CDS Hooks
# connections: a worker per connection, long-lived keep-alive connections.
#
# 1. Builds `refract` with scripts/build unless --no-build.
# 2. bench/cds_patient_view.py writes a patient-view request with prefetch for a synthetic patient
#    with 50 MedicationRequests and 30 PHQ-9 Observations, a CDS configuration trusting the CDS
#    Hooks spec's example issuer (replay check OFF: one long-lived ES384 token signed with the spec's
#    example key is reused by every request; the signature, issuer, audience and expiry are still
#    checked on each), and the token.
# 3. Starts `refract serve --cds-config` on a free port with a fresh SQLite store, checks that the
#    request answers 200 with cards, warms the server up with an unrecorded wrk run of --warmup
#    (each worker thread's first calls fault in its memory), then runs wrk -t2 -cN --latency
#    (bench/wrk_cds.lua).
# 4. Prints: connections, req/s, p50, p99, errors (non-2xx and socket errors), and the server's CPU
#    time (user + system) per request over the run.
#
# Every request is audited (one SQLite row each), as in production. wrk runs on the same machine.
# Not run by CI. Results: bench/RESULTS.md ("CDS Hooks: patient-view").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build=1
duration=15s
connections=16
server_threads=16
keep_alive=1000
keep_alive_seconds=5
warmup=3s
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --duration) duration="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --server-threads) server_threads="$2"; shift ;;
    --keep-alive-requests) keep_alive="$2"; shift ;;
    --keep-alive-seconds) keep_alive_seconds="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    *) echo "cds_bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk curl jq python3; do
  command -v "$tool" >/dev/null || { echo "cds_bench.sh: $tool is not installed" >&2; exit 2; }
done
[ "$build" = 1 ] && nice -n 10 "$root/scripts/build" --target refract >&2
refract="$root/build/src/cli/refract"

work="$(mktemp -d "${TMPDIR:-/tmp}/refract-cds-bench.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); $(lscpu | sed -n 's/^Model name: *//p')"
echo "# load before: $(uptime)"
echo "# refract serve --threads $server_threads --keep-alive-requests $keep_alive" \
  "--keep-alive-seconds $keep_alive_seconds; store $work/bench.db"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
python3 "$root/bench/cds_patient_view.py" "$work" "$base"
REFRACT_CDS_TOKEN="$(cat "$work/token.txt")"
export REFRACT_CDS_TOKEN
"$refract" serve --store "sqlite:$work/bench.db" --port "$port" --cds-config "$work/config.json" \
  --threads "$server_threads" --keep-alive-requests "$keep_alive" \
  --keep-alive-seconds "$keep_alive_seconds" \
  >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 200); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  sleep 0.05
done
curl -fsS "$base/readyz" >/dev/null || { cat "$work/serve.log" >&2; exit 1; }

url="$base/cds-services/refract-patient-view"
reply="$(curl -sS -w '\n%{http_code}' -H "Authorization: $REFRACT_CDS_TOKEN" \
  -H 'Content-Type: application/json' --data-binary "@$work/body.json" "$url")"
status="$(echo "$reply" | tail -1)"
[ "$status" = 200 ] || { echo "cds_bench.sh: HTTP $status: $reply" >&2; exit 1; }
echo "# cards: $(echo "$reply" | head -n -1 | jq -r '[.cards[].summary] | join(" | ")')"

# The server's user + system CPU time so far, in clock ticks (/proc/PID/stat fields 14 and 15).
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_per_second="$(getconf CLK_TCK)"

echo "# warm-up: $warmup at 16 connections, not recorded"
wrk -t2 -c16 -d"$warmup" -s "$root/bench/wrk_cds.lua" "$url" -- "$work/body.json" >/dev/null

echo "| connections | req/s | p50 (ms) | p99 (ms) | errors | server CPU (ms/request) |"
echo "|---|---|---|---|---|---|"
for c in $connections; do
  threads=2
  [ "$c" -lt 2 ] && threads=1
  ticks_before="$(server_ticks)"
  wrk -t"$threads" -c"$c" -d"$duration" --latency -s "$root/bench/wrk_cds.lua" "$url" -- \
    "$work/body.json" >"$work/wrk.txt"
  ticks="$(( $(server_ticks) - ticks_before ))"
  sed 's/^/#   /' "$work/wrk.txt" >&2
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/wrk.txt")"
  socket="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk.txt")"
  awk -v c="$c" -v errors="$(( ${non2xx:-0} + ${socket:-0} ))" -v ticks="$ticks" \
      -v hz="$ticks_per_second" '/^refract-wrk / {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "| %d | %.0f | %.2f | %.2f | %d | %.1f |\n", c, v["requests"] / (v["duration_us"] / 1e6),
             v["p50_us"] / 1000, v["p99_us"] / 1000, errors, ticks * 1000 / hz / v["requests"]
    }' "$work/wrk.txt"
done
echo "# load after: $(uptime)"

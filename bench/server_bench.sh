#!/usr/bin/env bash
# bench/server_bench.sh: POST /api/v1/assess under wrk against the same work in-process, in one run.
#
#   bench/server_bench.sh [--no-build] [--duration 15s] [--repeat N] [--connections "1 16 64"]
#
# 1. Builds `refract` and `refract_engine_throughput_bench` with scripts/build (into build/, the
#    RelWithDebInfo build) unless --no-build.
# 2. Creates a SQLite store in a temporary directory with one clinician (`refract admin create-user
#    --password-stdin`), starts `refract serve` on a free port, signs in (POST /api/v1/session) and
#    creates an API token (POST /api/v1/tokens with the session cookie and X-CSRF-Token).
# 3. Checks that every examples/*.json assesses with 200, then runs wrk (bench/wrk_assess.lua: the
#    records in rotation with `Authorization: Bearer`) for -d DURATION at each connection count, N
#    times each (-t2; -t1 at one connection, as wrk needs connections >= threads).
# 4. Runs bench/engine_throughput_bench.cc (ParseRecord + Assess + AssessmentToJson on the same
#    records, 1 and 2 threads) before and after the wrk runs.
# 5. Prints a markdown table: connections, req/s, p50, p99, errors (wrk's "Non-2xx or 3xx responses"
#    and "Socket errors" lines), % of the in-process 2-thread throughput (the mean of both runs), and
#    the server's CPU time per request (/proc/PID/stat) beside the in-process CPU time per record:
#    the comparison that does not depend on what else the machine is running.
#
# The server runs with its own defaults (REFRACT_THREADS, when set, is passed through). wrk runs on
# the same machine and takes CPU from the server. `uptime` is printed before and after. Not run by CI
# and not registered in CTest. Results: bench/RESULTS.md ("Server: POST /api/v1/assess").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build=1
duration=15s
repeat=1
connections="1 16 64"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --duration) duration="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    *) echo "server_bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk curl jq python3; do
  command -v "$tool" >/dev/null || { echo "server_bench.sh: $tool is not installed" >&2; exit 2; }
done

if [ "$build" = 1 ]; then
  nice -n 10 "$root/scripts/build" --target refract --target refract_engine_throughput_bench >&2
fi
refract="$root/build/src/cli/refract"
inprocess="$root/build/bench/refract_engine_throughput_bench"
records=("$root"/examples/*.json)

work="$(mktemp -d "${TMPDIR:-/tmp}/refract-server-bench.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); $(lscpu | sed -n 's/^Model name: *//p')"
echo "# load before: $(uptime)"

# The in-process reference: items/s of AssessRoute at 1 and 2 threads, one "threads items/s
# cpu_ms_per_item" line each (CPU time of the main thread per iteration).
run_inprocess() {
  "$inprocess" "${records[@]}" --benchmark_min_time=3 --benchmark_format=json 2>/dev/null |
    jq -r '.benchmarks[] | "\(.threads) \(.items_per_second) \(.cpu_time / 1e6)"'
}
inprocess_before="$(run_inprocess)"

store="sqlite:$work/bench.db"
password="server bench password 0123"
printf '%s' "$password" | "$refract" admin create-user --store "$store" --username bench \
  --role clinician --team bench --password-stdin >/dev/null
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$refract" serve --store "$store" --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 200); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  sleep 0.05
done
curl -fsS "$base/readyz" >/dev/null || { cat "$work/serve.log" >&2; exit 1; }

csrf="$(curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "$(jq -n --arg p "$password" '{username: "bench", password: $p}')" "$base/api/v1/session" |
  jq -r .csrf_token)"
REFRACT_TOKEN="$(curl -fsS -b "$work/cookies" -H 'Content-Type: application/json' \
  -H "X-CSRF-Token: $csrf" -d '{"name": "server bench"}' "$base/api/v1/tokens" | jq -r .token)"
export REFRACT_TOKEN

for record in "${records[@]}"; do
  status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $REFRACT_TOKEN" \
    -H 'Content-Type: application/json' --data-binary "@$record" "$base/api/v1/assess")"
  [ "$status" = 200 ] || { echo "server_bench.sh: $record: HTTP $status" >&2; exit 1; }
done

# CPU seconds (user + system) the server has used so far (/proc/PID/stat fields 14 and 15).
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$server_pid/stat"
}

# One wrk run: prints "connections req/s p50_ms p99_ms errors server_cpu_ms_per_request".
run_wrk() {
  local c="$1" threads=2 out="$work/wrk.txt" cpu_before
  [ "$c" -lt 2 ] && threads=1
  cpu_before="$(server_cpu)"
  wrk -t"$threads" -c"$c" -d"$duration" --latency -s "$root/bench/wrk_assess.lua" \
    "$base/api/v1/assess" -- "${records[@]}" >"$out"
  sed 's/^/#   /' "$out" >&2
  local non2xx socket
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
  socket="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")"
  awk -v c="$c" -v non2xx="${non2xx:-0}" -v socket="${socket:-0}" \
    -v cpu="$(awk -v a="$cpu_before" -v b="$(server_cpu)" 'BEGIN {print b - a}')" '/^refract-wrk / {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%d %.1f %.2f %.2f %d %.2f\n", c, v["requests"] / (v["duration_us"] / 1e6),
             v["p50_us"] / 1000, v["p99_us"] / 1000, non2xx + socket, 1000 * cpu / v["requests"]
    }' "$out"
}

results=()
for c in $connections; do
  for _ in $(seq "$repeat"); do results+=("$(run_wrk "$c")"); done
done

kill "$server_pid" && wait "$server_pid" || true
server_pid=""
inprocess_after="$(run_inprocess)"
echo "# load after: $(uptime)"

echo "# in-process (threads: items/s before / after, CPU ms per item before / after):"
paste <(echo "$inprocess_before") <(echo "$inprocess_after") |
  awk '{printf "#   %d thread(s): %.0f / %.0f items/s, %.2f / %.2f CPU ms\n", $1, $2, $5, $3, $6}'
reference="$(paste <(echo "$inprocess_before") <(echo "$inprocess_after") |
  awk '$1 == 2 {printf "%.1f", ($2 + $5) / 2}')"
cpu_reference="$(paste <(echo "$inprocess_before") <(echo "$inprocess_after") |
  awk '$1 == 1 {printf "%.2f", ($3 + $6) / 2}')"
echo
echo "| connections | req/s | p50 (ms) | p99 (ms) | errors | % of in-process (2 threads, $reference/s) | server CPU ms/request (in-process $cpu_reference) |"
echo "|---|---|---|---|---|---|---|"
for line in "${results[@]}"; do
  echo "$line" | awk -v ref="$reference" '{printf "| %d | %.0f | %.2f | %.2f | %d | %.0f %% | %.2f |\n", $1, $2, $3, $4, $5, 100 * $2 / ref, $6}'
done
